package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
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
      FingerLoad.Result result = FingerLoad.run(server.address(), 4, 0.3, "alice", null);
      assertEquals(0, result.errors());
      assertTrue(result.queries() > 0);
      assertTrue(result.p50Micros() <= result.p99Micros());
    }
  }

  @Test
  void everyAnswerIsComparedWithTheExpectedOneAndAWrongOneIsCounted() throws Exception {
    try (FingerServer server =
        new FingerServer(FingerFixtures.loopback(), FingerFixtures.users(), RequestLog.disabled())
            .start()) {
      byte[] right = FingerFixtures.query(server.port(), "alice").getBytes(UTF_8);
      FingerLoad.Result checked = FingerLoad.run(server.address(), 2, 0.2, "alice", right);
      assertEquals(0, checked.wrong());
      assertTrue(checked.queries() > 0);

      byte[] shorter = Arrays.copyOf(right, right.length - 1);
      FingerLoad.Result wrong = FingerLoad.run(server.address(), 2, 0.2, "alice", shorter);
      assertEquals(0, wrong.queries());
      assertTrue(wrong.wrong() > 0);
    }
  }
}
