package org.netlab.labs.totp;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides check-in attempts and records every one of them. A code is accepted when it is the
 * enrolled secret's code for the current step or one either side, and its step is later than the
 * last step accepted for that id, so a code works once (RFC 6238 section 5.2). Wrong and replayed
 * codes count towards the id's lock-out. Knows nothing of sockets: the server hands it parsed
 * requests.
 */
public final class CheckInService {
  private static final Logger log = LoggerFactory.getLogger(CheckInService.class);

  // Covers the lock-out window and the longest life of a code: 3 steps of 300 s.
  private static final Duration RESTORE_PERIOD = Duration.ofMinutes(15);

  private final SecretsFile enrolments;
  private final CheckInLog checkIns;
  private final Clock clock;
  // Only enrolled ids get a state, so a stream of made-up ids cannot grow it.
  private final ConcurrentHashMap<String, IdState> states = new ConcurrentHashMap<>();

  /** What is remembered of one id; guarded by its own monitor. */
  private static final class IdState {
    long lastAcceptedStep = Long.MIN_VALUE;
    final AttemptLimiter failures = new AttemptLimiter();
  }

  public CheckInService(SecretsFile enrolments, CheckInLog checkIns, Clock clock) {
    this.enrolments = Objects.requireNonNull(enrolments, "enrolments");
    this.checkIns = Objects.requireNonNull(checkIns, "checkIns");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Rebuilds replay protection and lock-outs from recent log records, so a restart neither lets a
   * used code in again nor lifts a lock-out. The step of an accepted code is not logged, so the
   * latest step it could have been is assumed.
   */
  public void restore(List<CheckInRecord> recent) {
    for (CheckInRecord record : recent) {
      Optional<Enrolment> enrolment = enrolments.find(record.id());
      if (enrolment.isEmpty()) {
        continue;
      }
      IdState state = stateOf(record.id());
      Verdict.Kind kind = Verdict.kindOf(record.result());
      synchronized (state) {
        if (kind == Verdict.Kind.ACCEPTED) {
          long step =
              new Totp(enrolment.get().parameters(), clock).step(record.time()) + Totp.WINDOW;
          state.lastAcceptedStep = Math.max(state.lastAcceptedStep, step);
          state.failures.clear();
        } else if (kind.isFailedGuess()) {
          state.failures.recordFailure(record.time());
        }
      }
    }
  }

  /** How far back {@link #restore} needs records. */
  public Instant restoreSince() {
    return clock.instant().minus(RESTORE_PERIOD);
  }

  /** Decides a well-formed attempt and returns once it is logged on disk. */
  public Verdict checkIn(CheckInRequest request, String client) {
    Instant now = clock.instant();
    Verdict verdict = decide(request, now);
    return recorded(
        new CheckInRecord(now, request.name(), request.id(), client, verdict.message()), verdict);
  }

  /** Logs an attempt whose line could not be parsed and returns its verdict. */
  public Verdict refuseMalformed(String reason, String client) {
    Verdict verdict = Verdict.malformed(reason);
    return recorded(
        new CheckInRecord(
            clock.instant(), CheckInRecord.ABSENT, CheckInRecord.ABSENT, client, verdict.message()),
        verdict);
  }

  private Verdict decide(CheckInRequest request, Instant now) {
    Optional<Enrolment> found = enrolments.find(request.id());
    if (found.isEmpty()) {
      return Verdict.unknownId();
    }
    Enrolment enrolment = found.get();
    IdState state = stateOf(request.id());
    synchronized (state) {
      Optional<Duration> locked = state.failures.lockedFor(now);
      if (locked.isPresent()) {
        return Verdict.lockedOut(locked.get());
      }
      OptionalLong step =
          new Totp(enrolment.parameters(), clock).verifyAt(enrolment.secret(), request.otp(), now);
      if (step.isEmpty()) {
        state.failures.recordFailure(now);
        return Verdict.wrongCode();
      }
      if (step.getAsLong() <= state.lastAcceptedStep) {
        state.failures.recordFailure(now);
        return Verdict.replayed();
      }
      state.lastAcceptedStep = step.getAsLong();
      state.failures.clear();
      return Verdict.accepted();
    }
  }

  private IdState stateOf(String id) {
    return states.computeIfAbsent(id, unused -> new IdState());
  }

  private Verdict recorded(CheckInRecord record, Verdict verdict) {
    try {
      checkIns.append(record);
      return verdict;
    } catch (IOException e) {
      // The reply must not claim what the log cannot prove.
      log.error("cannot write the check-in log {}: {}", checkIns.path(), e.toString());
      return Verdict.notRecorded();
    }
  }
}
