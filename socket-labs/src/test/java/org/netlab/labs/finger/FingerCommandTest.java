package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.labs.PeerProgram;
import picocli.CommandLine;

@Timeout(20)
class FingerCommandTest {
  private static final byte[] HOSTILE_ANSWER =
      ("Login: alice\r\n\u001b[2J\u001b]0;owned\u0007Plan:\tread \u0000me\u202e\r\n")
          .getBytes(UTF_8);

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int finger(String... args) {
    CommandLine command = FingerCommand.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }

  @Test
  void longFormSendsSlashWAndStripsWhatATerminalWouldInterpret() throws IOException {
    try (MinimalFingerPeer peer = new MinimalFingerPeer(HOSTILE_ANSWER, false)) {
      assertEquals(0, finger("-l", "alice@127.0.0.1:" + peer.port()));
      assertEquals(List.of("/W alice"), peer.queries());
      assertEquals("Login: alice\n[2J]0;ownedPlan:\tread me\n", out.toString());
    }
  }

  @Test
  void longOptionsGiveTheLoginHostAndPort() throws IOException {
    try (MinimalFingerPeer peer = new MinimalFingerPeer("ok\r\n".getBytes(UTF_8), false)) {
      assertEquals(
          0,
          finger("--login", "bob", "--host", "127.0.0.1", "--port", String.valueOf(peer.port())));
      assertEquals(List.of("bob"), peer.queries());
      assertEquals("ok\n", out.toString());
    }
  }

  @Test
  void noUserAsksForTheList() throws IOException {
    try (MinimalFingerPeer peer = new MinimalFingerPeer("nobody\r\n".getBytes(UTF_8), false)) {
      assertEquals(0, finger("@127.0.0.1:" + peer.port()));
      assertEquals(List.of(""), peer.queries());
    }
  }

  @Test
  void chainConnectsToTheRightmostHostAndSendsTheRest() throws IOException {
    try (MinimalFingerPeer peer = new MinimalFingerPeer("ok\r\n".getBytes(UTF_8), false)) {
      assertEquals(0, finger("alice@far.example@127.0.0.1:" + peer.port()));
      assertEquals(List.of("alice@far.example"), peer.queries());
    }
  }

  @Test
  void queriesOurOwnDaemon() throws IOException {
    try (FingerServer server =
        new FingerServer(FingerFixtures.loopback(), FingerFixtures.users(), RequestLog.disabled())
            .start()) {
      assertEquals(0, finger("alice@localhost", "--port", String.valueOf(server.port())));
      assertTrue(out.toString().startsWith("Login: alice "), out.toString());
    }
  }

  @Test
  void severalUsersAreAskedOneQueryEachAndAnsweredInTheOrderGiven() throws IOException {
    try (FingerServer server =
        new FingerServer(FingerFixtures.loopback(), FingerFixtures.users(), RequestLog.disabled())
            .start()) {
      String port = String.valueOf(server.port());
      assertEquals(0, finger("--port", port, "bob", "alice", "@localhost"));
      String bob = FingerFixtures.query(server.port(), "bob").replace("\r\n", "\n");
      String alice = FingerFixtures.query(server.port(), "alice").replace("\r\n", "\n");
      String list = FingerFixtures.query(server.port(), "").replace("\r\n", "\n");
      assertEquals(bob + "\n" + alice + "\n" + list, out.toString());
      assertEquals("", err.toString());
    }
  }

  @Test
  void shortAndNoPlanNeverSendSlashW() throws IOException {
    try (MinimalFingerPeer peer = new MinimalFingerPeer("ok\r\n".getBytes(UTF_8), false)) {
      String host = "@127.0.0.1:" + peer.port();
      assertEquals(0, finger("-s", "alice" + host));
      assertEquals(0, finger("-lp", "alice" + host, host));
      assertEquals(0, finger("-l", "bob" + host));
      assertEquals(List.of("alice", "alice", "", "/W bob"), peer.queries());
    }
  }

  @Test
  void longWithoutPlanShowsTheAccountButNoPlanProjectOrKey() throws IOException {
    try (FingerServer server =
        new FingerServer(FingerFixtures.loopback(), FingerFixtures.users(), RequestLog.disabled())
            .start()) {
      assertEquals(0, finger("-l", "-p", "alice@localhost:" + server.port()));
      assertTrue(out.toString().startsWith("Login: alice "), out.toString());
      assertTrue(out.toString().contains("On since 2026-11-21 09:00 UTC on pts/0"), out.toString());
      assertFalse(out.toString().contains("Plan"), out.toString());
      assertFalse(out.toString().contains("Project"), out.toString());
    }
  }

  @Test
  void matchLoginOnlyDropsAccountsFoundByTheirFullName() throws IOException {
    try (FingerServer server =
        new FingerServer(FingerFixtures.loopback(), FingerFixtures.users(), RequestLog.disabled())
            .start()) {
      String host = "@localhost:" + server.port();
      assertEquals(0, finger("Liddell" + host));
      assertTrue(out.toString().startsWith("Login: alice "), out.toString());
      out.getBuffer().setLength(0);
      assertEquals(0, finger("-m", "Liddell" + host, "alice" + host));
      String alice = FingerFixtures.query(server.port(), "alice").replace("\r\n", "\n");
      assertEquals("finger: Liddell: no such user\n\n" + alice, out.toString());
    }
  }

  @Test
  void oneUnreachableHostAmongSeveralIsExitThreeAndTheOthersAreStillAnswered() throws IOException {
    int closed;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = probe.getLocalPort();
    }
    try (MinimalFingerPeer peer = new MinimalFingerPeer("ok\r\n".getBytes(UTF_8), false)) {
      int exit = finger("alice@127.0.0.1:" + closed, "bob@127.0.0.1:" + peer.port());
      assertEquals(3, exit);
      assertEquals("ok\n", out.toString());
      assertTrue(
          err.toString().startsWith("finger: cannot reach 127.0.0.1:" + closed + ": "),
          err.toString());
    }
  }

  @Test
  void longAndShortTogetherIsAUsageErrorOnOneLine() {
    assertEquals(2, finger("-ls", "alice"));
    assertEquals("finger: give -l or -s, not both\ntry 'finger --help'\n", err.toString());
  }

  @Test
  void refusedConnectionExitsWithThree() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    assertEquals(3, finger("alice@127.0.0.1:" + port));
    assertTrue(
        err.toString().startsWith("finger: cannot reach 127.0.0.1:" + port + ": "), err.toString());
  }

  @Test
  void serverThatNeverAnswersTimesOutWithThree() throws IOException {
    try (MinimalFingerPeer peer = new MinimalFingerPeer(new byte[0], true)) {
      assertEquals(3, finger("--timeout", "300ms", "alice@127.0.0.1:" + peer.port()));
      assertEquals(
          "finger: 127.0.0.1:" + peer.port() + ": no complete answer within 300ms\n",
          err.toString());
    }
  }

  @Test
  void badUsageExitsWithTwoAndSendsNothing() {
    assertEquals(2, finger("alice", "alice;id@127.0.0.1:1"));
    assertEquals(2, finger("$(id)"));
    assertEquals(2, finger("--login", "bob", "alice"));
    assertEquals(2, finger("--host", "h", "alice@h"));
    assertEquals(2, finger("alice@h:99999"));
    assertEquals(2, finger("--timeout", "soon", "alice"));
    assertTrue(err.toString().contains("invalid user name"), err.toString());
  }

  /**
   * The Debian {@code fingerd} package's daemon, when installed, run as inetd would run it (one
   * process per connection, the socket as its standard input and output) by systemd's {@code
   * systemd-socket-activate}. It answers through the {@code finger} program, so both packages are
   * needed.
   */
  @Test
  void queriesTheDebianFingerDaemonWhenInstalled() throws Exception {
    Path daemon = PeerProgram.FINGERD.assumeInstalled();
    PeerProgram.FINGER.assumeInstalled();
    Path activator = PeerProgram.SYSTEMD_SOCKET_ACTIVATE.assumeInstalled();
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Process inetd =
        new ProcessBuilder(
                activator.toString(), "--inetd", "-a", "-l", "127.0.0.1:" + port, daemon.toString())
            .redirectErrorStream(true)
            .start();
    try {
      awaitListening(port);
      assertEquals(0, finger("root@127.0.0.1:" + port));
      assertTrue(out.toString().contains("Login: root"), out.toString());
    } finally {
      inetd.destroy();
      inetd.waitFor();
    }
  }

  private static void awaitListening(int port) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("systemd-socket-activate did not listen on port " + port);
  }
}
