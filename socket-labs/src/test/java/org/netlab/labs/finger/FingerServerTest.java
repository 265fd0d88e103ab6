package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class FingerServerTest {
  private static final String ALICE_SHORT =
      "Login: alice                            Name: Alice Liddell\r\n"
          + "Directory: /home/alice                  Shell: /bin/bash\r\n"
          + "On since 2026-11-21 09:00 UTC on pts/0 from 192.0.2.7\r\n";

  @TempDir Path dir;

  private FingerServer start(FingerServer.Config config) throws IOException {
    return new FingerServer(config, FingerFixtures.users(), RequestLog.disabled()).start();
  }

  @Test
  void emptyQueryListsTheUsersLoggedInButNotTheHiddenOnes() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback())) {
      assertEquals(
          "Login        Name                     Tty        Since                From\r\n"
              + "alice        Alice Liddell            pts/0      2026-11-21 09:00 UTC 192.0.2.7\r\n"
              + "bob          Bob Dodgson              tty1       2026-11-21 08:30 UTC\r\n",
          FingerFixtures.query(server.port(), ""));
    }
  }

  @Test
  void userQueryDescribesTheUserWithoutThePlan() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback())) {
      assertEquals(ALICE_SHORT, FingerFixtures.query(server.port(), "alice"));
    }
  }

  @Test
  void slashWUserQueryAddsProjectKeyAndPlan() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback())) {
      assertEquals(
          ALICE_SHORT
              + "Project: Wonderland survey\r\n"
              + "PGP key:\r\n-----BEGIN PGP PUBLIC KEY BLOCK-----\r\n"
              + "Plan:\r\nDown the rabbit hole.\r\nThen through the looking glass.\r\n",
          FingerFixtures.query(server.port(), "/W alice"));
    }
  }

  @Test
  void slashWAloneDescribesEveryoneLoggedInAtLength() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback())) {
      String answer = FingerFixtures.query(server.port(), "/W");
      assertTrue(answer.startsWith(ALICE_SHORT), answer);
      assertTrue(answer.contains("\r\n\r\nLogin: bob "), answer);
      assertTrue(answer.endsWith("On since 2026-11-21 08:30 UTC on tty1\r\nNo Plan.\r\n"), answer);
    }
  }

  @Test
  void userNotLoggedInIsSaidSo() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback())) {
      assertTrue(FingerFixtures.query(server.port(), "carol").contains("Not logged in.\r\n"));
    }
  }

  @Test
  void fullNameFindsTheUser() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback())) {
      assertEquals(ALICE_SHORT, FingerFixtures.query(server.port(), "Liddell"));
    }
  }

  @Test
  void unknownAndHiddenUsersAreNoSuchUser() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback())) {
      assertEquals(
          "finger: mallory: no such user\r\n", FingerFixtures.query(server.port(), "mallory"));
      assertEquals("finger: dave: no such user\r\n", FingerFixtures.query(server.port(), "dave"));
    }
  }

  @Test
  void bareLineFeedEndsTheQueryToo() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback())) {
      assertEquals(ALICE_SHORT, FingerFixtures.exchange(server.port(), "alice\n".getBytes(UTF_8)));
    }
  }

  @Test
  void listIsRefusedWithNoList() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback().withListAllowed(false))) {
      assertEquals("finger: user listing denied\r\n", FingerFixtures.query(server.port(), ""));
      assertEquals(ALICE_SHORT, FingerFixtures.query(server.port(), "alice"));
    }
  }

  @Test
  void forwardingIsRefusedByDefault() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback())) {
      assertEquals(
          "finger forwarding service denied\r\n",
          FingerFixtures.query(server.port(), "alice@127.0.0.1:" + server.port()));
    }
  }

  @Test
  void forwardingWhenAllowedGoesOneHopAndNamesTheHost() throws IOException {
    try (FingerServer target = start(FingerFixtures.loopback());
        FingerServer relay =
            start(FingerFixtures.loopback().withForwarding(true, Duration.ofSeconds(5)))) {
      String via = "127.0.0.1:" + target.port();
      assertEquals(
          "[" + via + "]\r\n" + ALICE_SHORT, FingerFixtures.query(relay.port(), "alice@" + via));
      assertEquals(
          "finger: forwarding is limited to one hop\r\n",
          FingerFixtures.query(relay.port(), "alice@" + via + "@" + via));
    }
  }

  @Test
  void forwardingToAHostThatDoesNotAnswerFailsCleanly() throws IOException {
    try (FingerServer relay =
        start(FingerFixtures.loopback().withForwarding(true, Duration.ofSeconds(2)))) {
      int closedPort;
      try (var probe = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closedPort = probe.getLocalPort();
      }
      String answer = FingerFixtures.query(relay.port(), "alice@127.0.0.1:" + closedPort);
      assertTrue(answer.startsWith("finger: cannot finger 127.0.0.1:" + closedPort + ": "), answer);
    }
  }

  @Test
  void forwardingToAHostThatNeverAnswersGivesUpAfterTheForwardTimeout() throws IOException {
    try (MinimalFingerPeer stalled = new MinimalFingerPeer(new byte[0], true);
        FingerServer relay =
            start(FingerFixtures.loopback().withForwarding(true, Duration.ofMillis(300)))) {
      String via = "127.0.0.1:" + stalled.port();
      assertEquals(
          "finger: cannot finger " + via + ": no complete answer within 300ms\r\n",
          FingerFixtures.query(relay.port(), "/W alice@" + via));
      assertEquals(List.of("/W alice"), stalled.queries());
    }
  }

  @Test
  void apacheCommonsNetFingerClientReadsOurAnswers() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback())) {
      org.apache.commons.net.finger.FingerClient client =
          new org.apache.commons.net.finger.FingerClient();
      client.setDefaultTimeout(5000);
      client.connect(InetAddress.getLoopbackAddress(), server.port());
      try {
        String answer = client.query(true, "alice");
        assertTrue(answer.startsWith(ALICE_SHORT), answer);
        assertTrue(answer.contains("Plan:\r\nDown the rabbit hole."), answer);
      } finally {
        client.disconnect();
      }
      client.connect(InetAddress.getLoopbackAddress(), server.port());
      try {
        assertTrue(client.query(false).startsWith("Login        Name"));
      } finally {
        client.disconnect();
      }
    }
  }

  @Test
  void everyConnectionIsLoggedWithTimeClientQueryOutcomeAndBytes() throws IOException {
    Path logFile = dir.resolve("logs/requests.log");
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:15:30.123Z"), ZoneOffset.UTC);
    try (RequestLog log = RequestLog.open(logFile, clock);
        FingerServer server =
            new FingerServer(FingerFixtures.loopback(), FingerFixtures.users(), log).start()) {
      int aliceBytes = FingerFixtures.query(server.port(), "/W alice").getBytes(UTF_8).length;
      FingerFixtures.query(server.port(), "mallory");
      FingerFixtures.query(server.port(), "bob@elsewhere");
      FingerFixtures.exchange(server.port(), "a\"\\\u001b\r\n".getBytes(UTF_8));
      server.close();
      List<String> lines = Files.readAllLines(logFile, UTF_8);
      assertEquals(4, lines.size(), lines.toString());
      assertTrue(
          lines
              .get(0)
              .matches(
                  "2026-11-21T10:15:30\\.123Z 127\\.0\\.0\\.1:[0-9]+ \"/W alice\" answered "
                      + aliceBytes),
          lines.get(0));
      assertTrue(lines.get(1).endsWith(" \"mallory\" no-such-user 31"), lines.get(1));
      assertTrue(lines.get(2).endsWith(" \"bob@elsewhere\" forwarding-refused 34"), lines.get(2));
      assertTrue(lines.get(3).contains(" \"a\\\"\\\\\\x1B\" invalid-query "), lines.get(3));
    }
  }
}
