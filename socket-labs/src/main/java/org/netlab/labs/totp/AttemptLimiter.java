package org.netlab.labs.totp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Failures of one id in a sliding window: after {@value #MAX_FAILURES} failures within {@link
 * #WINDOW}, further tries are refused until the oldest of them leaves the window. With 6 digits and
 * 3 codes valid at a time, that bounds a guesser to 5 tries per 5 minutes, about 0.4 % success a
 * day. Not thread-safe: the caller holds the id's lock.
 */
final class AttemptLimiter {
  static final int MAX_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(5);

  private final Deque<Instant> failures = new ArrayDeque<>(MAX_FAILURES);

  /** How long tries stay refused; empty when they are allowed now. */
  Optional<Duration> lockedFor(Instant now) {
    forgetBefore(now.minus(WINDOW));
    if (failures.size() < MAX_FAILURES) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, failures.peekFirst().plus(WINDOW)));
  }

  void recordFailure(Instant time) {
    if (failures.size() == MAX_FAILURES) {
      failures.removeFirst();
    }
    failures.addLast(time);
  }

  void clear() {
    failures.clear();
  }

  /** Whether no failure is left in the window at {@code now}: the limiter can be forgotten. */
  boolean isIdle(Instant now) {
    forgetBefore(now.minus(WINDOW));
    return failures.isEmpty();
  }

  /** When the last failure was; only when there is one. */
  Instant lastFailure() {
    return failures.peekLast();
  }

  private void forgetBefore(Instant cutoff) {
    while (!failures.isEmpty() && !failures.peekFirst().isAfter(cutoff)) {
      failures.removeFirst();
    }
  }
}
