package org.netlab.labs.pay;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.MutableClock;
import org.netlab.labs.pay.peer.PayClient;
import org.netlab.labs.pay.peer.PeerIdentity;

/** The central server's line protocol, including what it does with lines it cannot use. */
@Timeout(30)
class PayServerProtocolTest {
  @TempDir Path directory;

  private PayLab lab;

  @AfterEach
  void stop() throws Exception {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void theServerGreetsAndAnswersUnknownCommandsAndEmptyLines() throws Exception {
    lab = PayLab.start(directory);
    PeerIdentity alice = lab.register("alice");
    try (PayClient client = lab.client(alice)) {
      assertEquals("220 READY netlab-pay central server", client.greeting().toString());
      assertEquals("500 SYNTAX unknown command FROB", client.call("FROB x").toString());
      assertEquals(PayStatus.SYNTAX, client.call("").status());
      assertEquals(PayStatus.SYNTAX, client.call("BALANCE now").status());
      assertEquals("200 OK pong", client.call("ping").toString());
      assertEquals(PayStatus.ARGUMENT, client.call("LOGIN 70000").status());
      assertEquals(PayStatus.ARGUMENT, client.call("HISTORY 0").status());
      assertEquals(PayStatus.ARGUMENT, client.call("CANCEL ../x").status());
    }
  }

  @Test
  void anOverlongLineIsRefusedAndTheConnectionClosed() throws Exception {
    lab = PayLab.start(directory);
    try (SSLSocket socket =
        (SSLSocket)
            org.netlab.tls.SslContexts.forClient(lab.caFile(), null, null)
                .getSocketFactory()
                .createSocket("127.0.0.1", lab.server.port())) {
      socket.setSoTimeout(10_000);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
      assertTrue(in.readLine().startsWith("220 READY"));
      OutputStream out = socket.getOutputStream();
      out.write(
          ("REGISTER " + "a".repeat(PayProtocol.MAX_LINE_BYTES + 10) + "\r\n").getBytes(US_ASCII));
      out.flush();
      assertEquals("500 SYNTAX line longer than 8192 bytes; closing", in.readLine());
      assertEquals(null, in.readLine());
    }
  }

  @Test
  void aTricklingLineIsCutAtTheLineTimeoutWhileOthersAreServed() throws Exception {
    lab =
        PayLab.start(
            directory,
            "jdbc:sqlite:" + directory.resolve("l.db"),
            s -> s.withLineTimeout(Duration.ofSeconds(1)));
    PeerIdentity alice = lab.register("alice");
    try (SSLSocket socket =
            (SSLSocket)
                org.netlab.tls.SslContexts.forClient(lab.caFile(), null, null)
                    .getSocketFactory()
                    .createSocket("127.0.0.1", lab.server.port());
        PayClient other = lab.client(alice)) {
      socket.setSoTimeout(10_000);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
      in.readLine();
      OutputStream out = socket.getOutputStream();
      for (char c : "BAL".toCharArray()) {
        out.write(c);
        out.flush();
        assertEquals(PayStatus.OK, other.call("PING").status(), "others are served meanwhile");
        Thread.sleep(400);
      }
      assertEquals("452 TIMEOUT line not complete within 1s; closing", in.readLine());
      assertEquals(null, in.readLine());
    }
  }

  @Test
  void aLineThatIsNotUtf8IsRefused() throws Exception {
    lab = PayLab.start(directory);
    try (SSLSocket socket =
        (SSLSocket)
            org.netlab.tls.SslContexts.forClient(lab.caFile(), null, null)
                .getSocketFactory()
                .createSocket("127.0.0.1", lab.server.port())) {
      socket.setSoTimeout(10_000);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
      in.readLine();
      socket.getOutputStream().write(new byte[] {'L', 'I', (byte) 0xC3, 0x28, '\r', '\n'});
      socket.getOutputStream().flush();
      assertEquals("500 SYNTAX a request is UTF-8 text", in.readLine());
    }
  }

  @Test
  void presenceEndsWithLogoutWithTheConnectionAndAfterSilence() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    lab =
        PayLab.start(
            directory, "jdbc:sqlite:" + directory.resolve("l.db"), s -> s.withClock(clock));
    PeerIdentity alice = lab.register("alice");
    PeerIdentity bob = lab.register("bob");
    PayClient watcher = lab.client(bob);

    PayClient first = lab.client(alice);
    assertEquals("230 LOGGED_IN alice 10", first.call("LOGIN 4000").toString());
    assertEquals("1", watcher.call("LIST").text());
    assertEquals("221 BYE alice logged out", first.call("LOGOUT").toString());
    assertEquals("0", watcher.call("LIST").text());

    PayClient second = lab.client(alice);
    second.call("LOGIN 4001");
    second.close();
    awaitOffline(watcher);

    PayClient third = lab.client(alice);
    third.call("LOGIN 4002");
    clock.advance(Duration.ofSeconds(29));
    assertEquals("1", watcher.call("LIST").text(), "still within the presence timeout");
    clock.advance(Duration.ofSeconds(2));
    assertEquals("0", watcher.call("LIST").text(), "silent past the presence timeout");
    assertEquals(PayStatus.OFFLINE, watcher.call("LIST alice").status());
    assertEquals(PayStatus.UNKNOWN_USER, watcher.call("LIST zoe").status());
  }

  private static void awaitOffline(PayClient watcher) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!watcher.call("LIST").text().equals("0")) {
      assertTrue(System.nanoTime() < deadline, "a closed connection ends its presence");
      Thread.sleep(20);
    }
  }

  @Test
  void connectionsOverTheCapAreToldBusy() throws Exception {
    lab =
        PayLab.start(
            directory, "jdbc:sqlite:" + directory.resolve("l.db"), s -> s.withMaxConnections(1));
    try (PayClient first = lab.anonymous();
        PayClient second = lab.anonymous()) {
      assertEquals(PayStatus.READY, first.greeting().status());
      assertEquals("421 BUSY too many connections: try again", second.greeting().toString());
    }
  }
}
