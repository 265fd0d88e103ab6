package org.netlab.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  @Test
  void readsCallsPerPeriodPlainCallsAndOff() {
    assertEquals(new RateLimit(1000, Duration.ofSeconds(1)), RateLimit.parse("1000/1s"));
    assertEquals(new RateLimit(20, Duration.ofMinutes(1)), RateLimit.parse("20/1m"));
    assertEquals(new RateLimit(50, Duration.ofMillis(500)), RateLimit.parse("50/500ms"));
    assertEquals(new RateLimit(7, Duration.ofSeconds(1)), RateLimit.parse("7"));
    assertTrue(RateLimit.parse("off").unlimited());
    assertEquals("1000/1s", RateLimit.parse("1000/1s").toString());
  }

  @Test
  void refusesWhatIsNotARateLimit() {
    for (String text : new String[] {"", "0/1s", "-1/1s", "ten/1s", "10/1x", "10/", "10/0s"}) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> RateLimit.parse(text), text);
      assertTrue(refused.getMessage().contains("CALLS/PERIOD"), refused.getMessage());
    }
  }
}
