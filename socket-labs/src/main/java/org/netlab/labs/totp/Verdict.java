package org.netlab.labs.totp;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer to one check-in attempt. Its {@link #message()} is the result column of the log, and
 * its {@link #reply()} the line the client gets: the same but for an unknown id, which the client
 * is told as a wrong code so that ids cannot be listed by trying them.
 */
public record Verdict(Kind kind, String message) {
  public static final String ACCEPTED = "accepted";
  public static final String WRONG_CODE = "code expired or wrong";
  public static final String REPLAYED = "code already used";
  public static final String UNKNOWN_ID = "unknown id";
  public static final String MALFORMED = "malformed request";
  public static final String TOO_MANY_ATTEMPTS = "too many attempts";
  public static final String NOT_RECORDED = "server error: check-in not recorded, try again";

  /** Every possible outcome. */
  public enum Kind {
    ACCEPTED,
    WRONG_CODE,
    REPLAYED,
    UNKNOWN_ID,
    LOCKED_OUT,
    MALFORMED,
    NOT_RECORDED;

    /** Whether this outcome counts towards the lock-out of the id, enrolled or not. */
    boolean isFailedGuess() {
      return this == WRONG_CODE || this == REPLAYED || this == UNKNOWN_ID;
    }
  }

  public Verdict {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** The reply line: {@link #message()}, except that an unknown id reads as a wrong code. */
  public String reply() {
    return kind == Kind.UNKNOWN_ID ? WRONG_CODE : message;
  }

  public static Verdict accepted() {
    return new Verdict(Kind.ACCEPTED, ACCEPTED);
  }

  public static Verdict wrongCode() {
    return new Verdict(Kind.WRONG_CODE, WRONG_CODE);
  }

  public static Verdict replayed() {
    return new Verdict(Kind.REPLAYED, REPLAYED);
  }

  public static Verdict unknownId() {
    return new Verdict(Kind.UNKNOWN_ID, UNKNOWN_ID);
  }

  public static Verdict notRecorded() {
    return new Verdict(Kind.NOT_RECORDED, NOT_RECORDED);
  }

  /** {@code too many attempts, retry in N s}, N rounded up so retrying then works. */
  public static Verdict lockedOut(Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new Verdict(Kind.LOCKED_OUT, TOO_MANY_ATTEMPTS + ", retry in " + seconds + " s");
  }

  /** {@code malformed request: REASON}. */
  public static Verdict malformed(String reason) {
    return new Verdict(Kind.MALFORMED, MALFORMED + ": " + reason);
  }

  /** The outcome a logged message stands for, for rebuilding state from the log. */
  static Kind kindOf(String message) {
    return switch (message) {
      case ACCEPTED -> Kind.ACCEPTED;
      case WRONG_CODE -> Kind.WRONG_CODE;
      case REPLAYED -> Kind.REPLAYED;
      case UNKNOWN_ID -> Kind.UNKNOWN_ID;
      case NOT_RECORDED -> Kind.NOT_RECORDED;
      default -> message.startsWith(TOO_MANY_ATTEMPTS) ? Kind.LOCKED_OUT : Kind.MALFORMED;
    };
  }
}
