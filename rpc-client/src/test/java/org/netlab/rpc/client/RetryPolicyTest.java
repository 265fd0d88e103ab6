package org.netlab.rpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final double ALMOST_ONE = Math.nextDown(1.0);

  @Test
  void theFirstWaitIsBoundedByTheInitialBackoff() {
    assertEquals(Duration.ZERO, RetryPolicy.backoff(1, 0));
    assertEquals(Duration.ofMillis(25), RetryPolicy.backoff(1, 0.5));
    assertEquals(49, RetryPolicy.backoff(1, ALMOST_ONE).toMillis());
  }

  @Test
  void eachWaitsBoundDoublesUpToTheMaximum() {
    assertEquals(Duration.ofMillis(50), RetryPolicy.backoff(2, 0.5));
    assertEquals(Duration.ofMillis(100), RetryPolicy.backoff(3, 0.5));
    assertEquals(Duration.ofMillis(400), RetryPolicy.backoff(5, 0.5));
    assertEquals(Duration.ofMillis(500), RetryPolicy.backoff(6, 0.5));
    assertEquals(Duration.ofMillis(500), RetryPolicy.backoff(60, 0.5));
  }

  @Test
  void retriesAreNumberedFromOneAndTheJitterIsBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.backoff(0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.backoff(1, 1.0));
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.backoff(1, -0.1));
  }
}
