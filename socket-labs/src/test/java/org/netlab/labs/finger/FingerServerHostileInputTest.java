package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.net.StrictUtf8;
import org.netlab.labs.net.TricklingClient;

/** What a hostile or broken client gets: a bounded answer or a clean close, never more. */
@Timeout(30)
class FingerServerHostileInputTest {
  private static final String ALICE_FIRST_LINE =
      "Login: alice                            Name: Alice Liddell\r\n";
  private static final String BUSY = "finger: server busy, try again later\r\n";

  @AfterEach
  void noProcessWasStarted() {
    assertEquals(0, ProcessHandle.current().children().count());
  }

  private static FingerServer start(FingerServer.Config config, UserDirectory directory)
      throws IOException {
    return new FingerServer(config, directory, RequestLog.disabled()).start();
  }

  private static void assertStillServes(FingerServer server) throws IOException {
    assertTrue(FingerFixtures.query(server.port(), "alice").startsWith(ALICE_FIRST_LINE));
  }

  @Test
  void hundredKilobyteLineGetsTheLengthErrorAndTheDaemonKeepsServing() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback(), FingerFixtures.users())) {
      byte[] line = new byte[100 * 1024 + 2];
      Arrays.fill(line, (byte) 'a');
      line[line.length - 2] = '\r';
      line[line.length - 1] = '\n';
      assertEquals(
          "finger: query longer than 1024 bytes\r\n", FingerFixtures.exchange(server.port(), line));
      assertStillServes(server);
    }
  }

  @Test
  void nulAndEscapeBytesAreRejectedByName() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback(), FingerFixtures.users())) {
      assertEquals(
          "finger: control character 0x00 in query\r\n",
          FingerFixtures.exchange(server.port(), "ali\u0000ce\r\n".getBytes(ISO_8859_1)));
      assertEquals(
          "finger: control character 0x1B in query\r\n",
          FingerFixtures.exchange(server.port(), "\u001b]0;pwned\u0007\r\n".getBytes(ISO_8859_1)));
      assertStillServes(server);
    }
  }

  @Test
  void shellSyntaxIsNeverRunOnlyRejected() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback(), FingerFixtures.users())) {
      assertEquals(
          "finger: one user name per query\r\n",
          FingerFixtures.query(server.port(), "alice; rm -rf /"));
      String invalidUser =
          "finger: invalid user name (letters, digits, '.', '_' and '-', at most 32)\r\n";
      assertEquals(invalidUser, FingerFixtures.query(server.port(), "$(id)"));
      assertEquals(invalidUser, FingerFixtures.query(server.port(), "`id`"));
      assertEquals(invalidUser, FingerFixtures.query(server.port(), "alice|id"));
      assertStillServes(server);
    }
  }

  @Test
  void pathTraversalIsNotAUserName() throws IOException {
    try (FingerServer server = start(FingerFixtures.loopback(), FingerFixtures.users())) {
      String answer = FingerFixtures.query(server.port(), "../../etc/shadow");
      assertTrue(answer.startsWith("finger: invalid user name"), answer);
      assertTrue(
          FingerFixtures.query(server.port(), "/W ../../etc/shadow")
              .startsWith("finger: invalid user name"));
    }
  }

  @Test
  void clientThatSendsNothingIsToldAndClosedAfterTheIdleTimeout() throws IOException {
    FingerServer.Config config = FingerFixtures.loopback().withIdleTimeout(Duration.ofMillis(300));
    try (FingerServer server = start(config, FingerFixtures.users());
        Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      silent.setSoTimeout(10_000);
      assertEquals(
          "finger: no query received within 300ms\r\n",
          new String(silent.getInputStream().readAllBytes(), UTF_8));
      assertStillServes(server);
    }
  }

  @Test
  void clientThatTricklesBytesIsCutOffAtTheSameDeadline() throws Exception {
    FingerServer.Config config = FingerFixtures.loopback().withIdleTimeout(Duration.ofMillis(500));
    try (FingerServer server = start(config, FingerFixtures.users());
        Socket slow = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      slow.setSoTimeout(10_000);
      Thread trickler =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      OutputStream out = slow.getOutputStream();
                      for (int i = 0; i < 100; i++) {
                        out.write('a');
                        out.flush();
                        Thread.sleep(50);
                      }
                    } catch (IOException | InterruptedException e) {
                      // The server closed the connection: the point of the test.
                    }
                  });
      String answer = new String(slow.getInputStream().readAllBytes(), UTF_8);
      assertEquals("finger: no query received within 500ms\r\n", answer);
      trickler.interrupt();
      trickler.join();
    }
  }

  @Test
  void tricklersFillingTheCapAreCutAtTheDeadlineAndANewcomerIsServed() throws Exception {
    FingerServer.Config config =
        FingerFixtures.loopback().withIdleTimeout(Duration.ofSeconds(1)).withMaxConnections(2);
    try (FingerServer server = start(config, FingerFixtures.users());
        TricklingClient first = TricklingClient.connect(server.address(), Duration.ofMillis(300));
        TricklingClient second =
            TricklingClient.connect(server.address(), Duration.ofMillis(300))) {
      for (TricklingClient slow : List.of(first, second)) {
        assertEquals(
            "finger: no query received within 1s\r\n", slow.awaitClose(Duration.ofSeconds(5)));
        assertTrue(slow.closedAfterMillis() < 2500, slow.closedAfterMillis() + " ms");
      }
      assertStillServes(server);
    }
  }

  @Test
  void rejectedConnectionsAreLoggedWithTheQueryEscapedOrADash(@TempDir Path dir)
      throws IOException {
    Path logFile = dir.resolve("requests.log");
    FingerServer.Config config = FingerFixtures.loopback().withIdleTimeout(Duration.ofMillis(300));
    try (RequestLog log = RequestLog.open(logFile, Clock.systemUTC());
        FingerServer server = new FingerServer(config, FingerFixtures.users(), log).start()) {
      FingerFixtures.exchange(server.port(), ("x".repeat(2000) + "\r\n").getBytes(UTF_8));
      FingerFixtures.exchange(server.port(), new byte[0]);
      FingerFixtures.exchange(server.port(), "\u0000\u001b\r\n".getBytes(ISO_8859_1));
      server.close();
      List<String> lines = Files.readAllLines(logFile, UTF_8);
      assertEquals(3, lines.size(), lines.toString());
      assertTrue(lines.get(0).endsWith(" - query-too-long 38"), lines.get(0));
      assertTrue(lines.get(1).endsWith(" - idle-timeout 40"), lines.get(1));
      assertTrue(lines.get(2).endsWith(" \"\\x00\\x1B\" invalid-query 41"), lines.get(2));
    }
  }

  @Test
  void twoHundredClientsAtOnceGetAnAnswerOrBusyAndTheDaemonKeepsServing() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    UsersFile users = FingerFixtures.users();
    UserDirectory held =
        new UserDirectory() {
          @Override
          public List<Account> find(String name) throws IOException {
            try {
              gate.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return users.find(name);
          }

          @Override
          public List<Account> loggedIn() {
            return users.loggedIn();
          }
        };
    int cap = 50;
    int clients = 200;
    CountDownLatch refused = new CountDownLatch(clients - cap);
    FingerServer.Config config = FingerFixtures.loopback().withMaxConnections(cap);
    try (FingerServer server = start(config, held);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        answers.add(
            pool.submit(
                () -> {
                  String answer = FingerFixtures.query(server.port(), "alice");
                  if (answer.equals(BUSY)) {
                    refused.countDown();
                  }
                  return answer;
                }));
      }
      assertTrue(refused.await(20, TimeUnit.SECONDS), "refusals: " + refused.getCount() + " left");
      gate.countDown();
      int served = 0;
      int busy = 0;
      for (Future<String> answer : answers) {
        String text = answer.get();
        if (text.equals(BUSY)) {
          busy++;
        } else {
          assertTrue(text.startsWith(ALICE_FIRST_LINE), text);
          served++;
        }
      }
      assertEquals(cap, served);
      assertEquals(clients - cap, busy);
      assertStillServes(server);
    }
  }

  @Test
  void answerLongerThanTheCapIsCutAndMarked() throws IOException {
    FingerServer.Config config = FingerFixtures.loopback().withMaxReplyBytes(1000);
    try (FingerServer server = start(config, userWithLongPlan(200))) {
      String answer = FingerFixtures.query(server.port(), "/W big");
      assertTrue(answer.endsWith("\r\n[answer cut at 1000 bytes]\r\n"), answer);
      assertTrue(answer.getBytes(UTF_8).length < 1100);
    }
  }

  @Test
  void unreadAnswerDoesNotHoldAConnectionForever() throws IOException {
    FingerServer.Config config =
        FingerFixtures.loopback()
            .withIdleTimeout(Duration.ofMillis(300))
            .withForwarding(false, Duration.ofMillis(300))
            .withMaxReplyBytes(16 * 1024 * 1024)
            .withMaxConnections(1);
    try (FingerServer server = start(config, userWithLongPlan(100_000));
        Socket reader = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      reader.setReceiveBufferSize(4096);
      reader.getOutputStream().write("/W big\r\n".getBytes(UTF_8));
      // Never read: the server must give the slot back after the connection's lifetime.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      String answer = "";
      while (System.nanoTime() < deadline) {
        answer = FingerFixtures.query(server.port(), "carol");
        if (!answer.equals(BUSY)) {
          break;
        }
        Thread.onSpinWait();
      }
      assertEquals("finger: carol: no such user\r\n", answer);
    }
  }

  /** The answer's bytes, decoded strictly: anything but well-formed UTF-8 fails the test. */
  private static String strictUtf8Answer(int port, String query) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((query + "\r\n").getBytes(UTF_8));
      return StrictUtf8.decode(socket.getInputStream().readAllBytes());
    }
  }

  /** A directory with one account, whatever its texts hold. */
  private static UserDirectory oneAccount(String fullName, String plan) {
    Account account =
        new Account(
            "eve",
            fullName,
            "/home/eve",
            "/bin/sh",
            Optional.of(plan),
            Optional.empty(),
            Optional.empty(),
            List.of(new Session("eve", "pts/1", Instant.parse("2026-11-21T09:00:00Z"), "")));
    return new UserDirectory() {
      @Override
      public List<Account> find(String name) {
        return account.answersTo(name) ? List.of(account) : List.of();
      }

      @Override
      public List<Account> loggedIn() {
        return List.of(account);
      }
    };
  }

  @Test
  void storeTextsWithLoneSurrogatesNoncharactersAndEveryPlaneGoOutAsValidUtf8() throws IOException {
    // BMP, planes 1, 2, 3, 14 (a variation selector), 15 and 16 (private use), and what is
    // not text at all: lone surrogates and noncharacters.
    String planes =
        "\u00e9 \u6f22 \uD83D\uDE00 \uD840\uDC00 \uD880\uDC00 \u845B\uDB40\uDD00 \uDB80\uDC00 \uDBFF\uDFFD";
    String broken = "\uD800 \uDFFF \uFFFE \uFDD0 \uDBFF\uDFFF";
    try (FingerServer server =
        start(FingerFixtures.loopback(), oneAccount("Eve " + planes, "plan " + broken))) {
      String answer = strictUtf8Answer(server.port(), "/W eve");
      assertTrue(answer.contains("Name: Eve " + planes + "\r\n"), answer);
      assertTrue(answer.contains("plan \uFFFD \uFFFD \uFFFD \uFFFD \uFFFD\r\n"), answer);
    }
  }

  @Test
  void columnsCutNamesOnACharacterBoundary() throws IOException {
    // 23 letters and an emoji: a 24-character column cut by UTF-16 units would split it.
    String name = "a".repeat(23) + "\uD83D\uDE00" + "tail";
    try (FingerServer server = start(FingerFixtures.loopback(), oneAccount(name, "plan"))) {
      String list = strictUtf8Answer(server.port(), "");
      assertTrue(list.contains(" " + "a".repeat(23) + "\uD83D\uDE00 "), list);
    }
  }

  @Test
  void answerCutAtTheCapEndsOnACharacterBoundary() throws IOException {
    FingerServer.Config config = FingerFixtures.loopback().withMaxReplyBytes(1000);
    // Three bytes a character: wherever the cap falls, it is in the middle of one or between.
    for (String filler : List.of("\u20ac", "x\u20ac", "xy\u20ac", "\uD83D\uDE00")) {
      try (FingerServer server = start(config, oneAccount("Eve", "plan " + filler.repeat(1000)))) {
        String answer = strictUtf8Answer(server.port(), "/W eve");
        assertTrue(answer.endsWith("\r\n[answer cut at 1000 bytes]\r\n"), answer);
      }
    }
  }

  /** A users file with one user, "big", whose plan has that many 100-byte lines. */
  private static UsersFile userWithLongPlan(int planLines) throws IOException {
    List<String> lines = new ArrayList<>(List.of("user big"));
    for (int i = 0; i < planLines; i++) {
      lines.add("plan " + "x".repeat(100));
    }
    return UsersFile.parse("big", lines);
  }
}
