package org.netlab.rpc.client.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerHealthTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aServerIsInTheRotationUntilItFails() {
    ServerHealth health = new ServerHealth();
    assertFalse(health.isDown(0));
    health.markDown(10 * SECOND);
    assertTrue(health.isDown(10 * SECOND));
    assertTrue(health.isDown(11 * SECOND - 1));
    assertFalse(health.isDown(11 * SECOND), "back after the first back-off, one second");
  }

  @Test
  void eachFailureInARowDoublesTheBackoffUpToThirtySeconds() {
    ServerHealth health = new ServerHealth();
    long now = 0;
    long[] expectedSeconds = {1, 2, 4, 8, 16, 30, 30};
    for (long seconds : expectedSeconds) {
      health.markDown(now);
      assertEquals(now + seconds * SECOND, health.downUntil());
      now = health.downUntil();
    }
  }

  @Test
  void failuresWhileAlreadyDownDoNotLengthenTheBackoff() {
    ServerHealth health = new ServerHealth();
    health.markDown(0);
    health.markDown(SECOND / 2);
    assertEquals(SECOND, health.downUntil());
  }

  @Test
  void anAnswerEndsTheBackoffAndResetsIt() {
    ServerHealth health = new ServerHealth();
    health.markDown(0);
    health.markDown(SECOND);
    assertEquals(3 * SECOND, health.downUntil());
    health.markUp();
    assertFalse(health.isDown(SECOND + 1));
    health.markDown(4 * SECOND);
    assertEquals(5 * SECOND, health.downUntil(), "the first back-off again");
  }

  @Test
  void nanoTimeValuesThatWrapAroundStillCompare() {
    ServerHealth health = new ServerHealth();
    long now = Long.MAX_VALUE - SECOND / 2;
    health.markDown(now);
    assertTrue(health.isDown(now + SECOND / 4));
    assertFalse(health.isDown(now + SECOND));
  }
}
