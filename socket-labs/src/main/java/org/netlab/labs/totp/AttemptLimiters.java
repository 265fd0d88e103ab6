package org.netlab.labs.totp;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link AttemptLimiter} for every id tried, enrolled or not, so guessing at an id that does not
 * exist is limited exactly like guessing at one that does, and the answers cannot tell them apart.
 * The table holds at most {@code capacity} ids, so a stream of made-up ids cannot fill memory: ids
 * whose failures have all left the window are forgotten first, and when every slot holds a recent
 * failure an id without one is refused as locked out until a slot frees. That can lock out ids that
 * have not failed yet, during such a flood, but it never lifts a lock-out nor treats enrolled and
 * unknown ids differently. Not thread-safe: the caller holds one lock.
 */
final class AttemptLimiters {
  /** Enough for a school many times over; about 32 MB when full of 32-character ids. */
  static final int DEFAULT_CAPACITY = 100_000;

  private final int capacity;
  // Ordered by last failure, oldest first: the idle ones are at the head.
  private final LinkedHashMap<String, AttemptLimiter> byId = new LinkedHashMap<>();

  AttemptLimiters(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /** How long tries for {@code id} stay refused; empty when they are allowed now. */
  Optional<Duration> lockedFor(String id, Instant now) {
    AttemptLimiter limiter = byId.get(id);
    if (limiter != null) {
      return limiter.lockedFor(now);
    }
    forgetIdle(now);
    if (byId.size() < capacity) {
      return Optional.empty();
    }
    // Full of recent failures: no room to count this id's, so it may not guess now.
    Instant oldest = byId.values().iterator().next().lastFailure();
    return Optional.of(Duration.between(now, oldest.plus(AttemptLimiter.WINDOW)));
  }

  /**
   * Counts a failure for {@code id}. Call only after {@link #lockedFor} allowed the try; a failure
   * the table has no room for is dropped.
   */
  void recordFailure(String id, Instant time) {
    AttemptLimiter limiter = byId.remove(id);
    if (limiter == null) {
      forgetIdle(time);
      if (byId.size() >= capacity) {
        return;
      }
      limiter = new AttemptLimiter();
    }
    limiter.recordFailure(time);
    byId.put(id, limiter);
  }

  /** Forgets the failures of {@code id}, after it checked in. */
  void clear(String id) {
    byId.remove(id);
  }

  /** How many ids are held. */
  int size() {
    return byId.size();
  }

  private void forgetIdle(Instant now) {
    Iterator<Map.Entry<String, AttemptLimiter>> oldestFirst = byId.entrySet().iterator();
    while (oldestFirst.hasNext() && oldestFirst.next().getValue().isIdle(now)) {
      oldestFirst.remove();
    }
  }
}
