package org.netlab.labs.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttemptLimitersTest {
  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void fiveFailuresLockAnyIdWhetherEnrolledOrNot() {
    AttemptLimiters limiters = new AttemptLimiters(10);
    for (int i = 0; i < 5; i++) {
      assertEquals(Optional.empty(), limiters.lockedFor("made-up", T.plusSeconds(i)));
      limiters.recordFailure("made-up", T.plusSeconds(i));
    }
    assertEquals(
        Optional.of(Duration.ofSeconds(295)), limiters.lockedFor("made-up", T.plusSeconds(5)));
  }

  @Test
  void aStreamOfMadeUpIdsNeverHoldsMoreThanTheCapacity() {
    AttemptLimiters limiters = new AttemptLimiters(100);
    for (int i = 0; i < 10_000; i++) {
      Instant now = T.plusMillis(i);
      if (limiters.lockedFor("id" + i, now).isEmpty()) {
        limiters.recordFailure("id" + i, now);
      }
      assertTrue(limiters.size() <= 100, limiters.size() + " ids held");
    }
  }

  @Test
  void whenFullANewIdWaitsForTheOldestFailureToLeaveTheWindow() {
    AttemptLimiters limiters = new AttemptLimiters(2);
    limiters.recordFailure("a", T);
    limiters.recordFailure("b", T.plusSeconds(10));
    // No room to count c's failures: it may not guess, rather than guess uncounted.
    assertEquals(Optional.of(Duration.ofSeconds(280)), limiters.lockedFor("c", T.plusSeconds(20)));
    // Ids already held go on as before.
    assertEquals(Optional.empty(), limiters.lockedFor("a", T.plusSeconds(20)));
    // Once a's failure is 5 minutes old, its slot is free again.
    Instant later = T.plus(AttemptLimiter.WINDOW).plusSeconds(1);
    assertEquals(Optional.empty(), limiters.lockedFor("c", later));
    limiters.recordFailure("c", later);
    assertEquals(2, limiters.size());
  }

  @Test
  void checkingInForgetsTheIdsFailures() {
    AttemptLimiters limiters = new AttemptLimiters(1);
    limiters.recordFailure("a", T);
    limiters.clear("a");
    assertEquals(0, limiters.size());
    assertEquals(Optional.empty(), limiters.lockedFor("b", T));
  }
}
