package org.netlab.labs.finger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load tool works end to end; its figures are read by people, not asserted. */
@Timeout(30)
class FingerLoadTest {
  @Test
  void shortRunAgainstTheDaemonAnswersEveryQueryWithoutErrors() throws Exception {
    try (FingerServer server =
        new FingerServer(FingerFixtures.loopback(), FingerFixtures.users(), RequestLog.disabled())
            .start()) {
      FingerLoad.Result result = FingerLoad.run(server.address(), 4, 0.3, "alice");
      assertEquals(0, result.errors());
      assertTrue(result.queries() > 0);
      assertTrue(result.p50Micros() <= result.p99Micros());
    }
  }
}
