package org.netlab.labs.totp;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides check-in attempts and records every one of them. A code is accepted when it is the
 * enrolled secret's code for the current step or one either side, and its step is later than the
 * last step accepted for that id, so a code works once (RFC 6238 section 5.2). Wrong and replayed
 * codes, and any code for an id that is not enrolled, count towards the id's lock-out, in one
 * bounded table ({@link AttemptLimiters}): an unknown id is limited and answered exactly like a
 * wrong code. Knows nothing of sockets: the server hands it parsed requests.
 */
public final class CheckInService {
  private static final Logger log = LoggerFactory.getLogger(CheckInService.class);

  // Covers the lock-out window and the longest life of a code: 3 steps of 300 s.
  private static final Duration RESTORE_PERIOD = Duration.ofMinutes(15);

  private final SecretsFile enrolments;
  private final CheckInLog checkIns;
  private final Clock clock;
  // Guarded by this; the last step accepted per id, for enrolled ids only, so a stream of
  // made-up ids cannot grow it.
  private final Map<String, Long> lastAcceptedSteps = new HashMap<>();
  // Guarded by this; bounded.
  private final AttemptLimiters failures;

  public CheckInService(SecretsFile enrolments, CheckInLog checkIns, Clock clock) {
    this(enrolments, checkIns, clock, AttemptLimiters.DEFAULT_CAPACITY);
  }

  /**
   * @param trackedIds how many ids with recent failures are remembered at most
   */
  CheckInService(SecretsFile enrolments, CheckInLog checkIns, Clock clock, int trackedIds) {
    this.enrolments = Objects.requireNonNull(enrolments, "enrolments");
    this.checkIns = Objects.requireNonNull(checkIns, "checkIns");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.failures = new AttemptLimiters(trackedIds);
  }

  /**
   * Rebuilds replay protection and lock-outs from recent log records, so a restart neither lets a
   * used code in again nor lifts a lock-out. The step of an accepted code is not logged, so the
   * latest step it could have been is assumed.
   */
  public synchronized void restore(List<CheckInRecord> recent) {
    for (CheckInRecord record : recent) {
      Verdict.Kind kind = Verdict.kindOf(record.result());
      if (kind.isFailedGuess()) {
        failures.recordFailure(record.id(), record.time());
      } else if (kind == Verdict.Kind.ACCEPTED) {
        Optional<Enrolment> enrolment = enrolments.find(record.id());
        if (enrolment.isEmpty()) {
          continue;
        }
        long step = new Totp(enrolment.get().parameters(), clock).step(record.time()) + Totp.WINDOW;
        lastAcceptedSteps.merge(record.id(), step, Math::max);
        failures.clear(record.id());
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
    if (verdict.kind() != Verdict.Kind.ACCEPTED) {
      // Who tried, as whom, from where, and why it failed; never the code.
      log.warn(
          "check-in refused client={} id={} name=\"{}\" result=\"{}\"",
          client,
          request.id(),
          request.name().replace("\\", "\\\\").replace("\"", "\\\""),
          verdict.message());
    }
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

  /**
   * Decides under the service's lock, so that checking the lock-out, verifying and counting the
   * failure is one step however many connections try one id at once.
   */
  private synchronized Verdict decide(CheckInRequest request, Instant now) {
    String id = request.id();
    Optional<Duration> locked = failures.lockedFor(id, now);
    if (locked.isPresent()) {
      return Verdict.lockedOut(locked.get());
    }
    Optional<Enrolment> found = enrolments.find(id);
    if (found.isEmpty()) {
      failures.recordFailure(id, now);
      return Verdict.unknownId();
    }
    Enrolment enrolment = found.get();
    OptionalLong step =
        new Totp(enrolment.parameters(), clock).verifyAt(enrolment.secret(), request.otp(), now);
    if (step.isEmpty()) {
      failures.recordFailure(id, now);
      return Verdict.wrongCode();
    }
    if (step.getAsLong() <= lastAcceptedSteps.getOrDefault(id, Long.MIN_VALUE)) {
      failures.recordFailure(id, now);
      return Verdict.replayed();
    }
    lastAcceptedSteps.put(id, step.getAsLong());
    failures.clear(id);
    return Verdict.accepted();
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
