package org.netlab.labs.totp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Time-based one-time passwords (RFC 6238): HOTP with the counter {@code T = floor(unix time /
 * period)}. Verification accepts the current step and one on each side, which absorbs clock drift
 * and the time it takes to type a code (RFC 6238 section 5.2).
 */
public final class Totp {
  /** Steps accepted on each side of the current one. */
  public static final int WINDOW = 1;

  private final OtpParameters parameters;
  private final Hotp hotp;
  private final Clock clock;

  public Totp(OtpParameters parameters, Clock clock) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.hotp = new Hotp(parameters.algorithm(), parameters.digits());
  }

  public OtpParameters parameters() {
    return parameters;
  }

  /** The time step that contains {@code time}. */
  public long step(Instant time) {
    return Math.floorDiv(time.getEpochSecond(), parameters.period().getSeconds());
  }

  /** The code at a given time. */
  public String codeAt(OtpSecret secret, Instant time) {
    return hotp.generate(secret, step(time));
  }

  /** The code now, by the clock this was built with. */
  public String code(OtpSecret secret) {
    return codeAt(secret, clock.instant());
  }

  /** How long the current code stays the current one. */
  public Duration remaining() {
    Instant now = clock.instant();
    long periodMillis = parameters.period().toMillis();
    return Duration.ofMillis(periodMillis - Math.floorMod(now.toEpochMilli(), periodMillis));
  }

  /**
   * The step whose code {@code code} is, looking at the current step and {@link #WINDOW} on each
   * side; empty when none matches. Every candidate is compared in constant time and all of them are
   * compared, so the time taken does not say which one matched.
   */
  public OptionalLong verify(OtpSecret secret, String code) {
    return verifyAt(secret, code, clock.instant());
  }

  /** As {@link #verify} at a given time. */
  public OptionalLong verifyAt(OtpSecret secret, String code, Instant time) {
    long now = step(time);
    long matched = -1;
    boolean found = false;
    for (long step = now - WINDOW; step <= now + WINDOW; step++) {
      if (hotp.matches(secret, step, code) && !found) {
        matched = step;
        found = true;
      }
    }
    return found ? OptionalLong.of(matched) : OptionalLong.empty();
  }
}
