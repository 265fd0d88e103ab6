package org.netlab.labs.echo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.labs.integrity.MessageCodec;
import org.netlab.labs.net.TcpServer;
import org.netlab.labs.net.TricklingClient;

@Timeout(20)
class TcpEchoServerTest {
  private static final int MAX_LINE = 64;
  private TcpServer server;

  private TcpServer start(EchoTransform transform) throws IOException {
    return start(transform, 32);
  }

  private TcpServer start(EchoTransform transform, int maxClients) throws IOException {
    return start(transform, maxClients, TcpEchoHandler.DEFAULT_LINE_TIMEOUT);
  }

  private TcpServer start(EchoTransform transform, int maxClients, Duration lineTimeout)
      throws IOException {
    server =
        new TcpServer(
                "echo",
                new TcpServer.Options(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    maxClients,
                    Duration.ofSeconds(10)),
                new TcpEchoHandler(transform, MAX_LINE, lineTimeout, MessageCodec::plain))
            .start();
    return server;
  }

  /** A test skipped for want of its peer never started a server. */
  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private TcpEchoClient client() throws IOException {
    return new TcpEchoClient(server.address(), Duration.ofSeconds(5), MessageCodec.plain());
  }

  @Test
  void ourClientGetsEachLineBack() throws IOException {
    start(EchoTransform.AS_IS);
    try (TcpEchoClient client = client()) {
      assertEquals("hello", client.echo("hello"));
      assertEquals("été 漢字", client.echo("été 漢字"));
      assertEquals("", client.echo(""));
    }
  }

  @Test
  void upperModeUpperCasesTheReply() throws IOException {
    start(EchoTransform.UPPER);
    try (TcpEchoClient client = client()) {
      assertEquals("HELLO, ÉTÉ", client.echo("Hello, été"));
    }
  }

  @Test
  void plainSocketClientGetsPipelinedLinesBackWithCrlf() throws IOException {
    start(EchoTransform.AS_IS);
    try (Socket socket = connect()) {
      socket.getOutputStream().write("one\ntwo\r\nthree\n".getBytes(UTF_8));
      socket.shutdownOutput();
      String replies = new String(socket.getInputStream().readAllBytes(), UTF_8);
      assertEquals("one\r\ntwo\r\nthree\r\n", replies);
    }
  }

  @Test
  void malformedUtf8IsNotFatal() throws IOException {
    start(EchoTransform.AS_IS);
    try (Socket socket = connect()) {
      socket.getOutputStream().write(new byte[] {'a', (byte) 0xff, 'b', '\n'});
      socket.getOutputStream().write("next\n".getBytes(UTF_8));
      BufferedReader in = reader(socket);
      assertEquals("a\uFFFDb", in.readLine());
      assertEquals("next", in.readLine());
    }
  }

  @Test
  void answerIsNeverLongerThanItsLineWhateverTheBytes() throws IOException {
    for (EchoTransform transform : EchoTransform.values()) {
      start(transform);
      byte[] invalid = new byte[MAX_LINE];
      Arrays.fill(invalid, (byte) 0xff);
      assertArrayEquals(invalid, exchangeLine(invalid), transform.name());
      // ŉ upper-cased is ʼN, one byte longer: it comes back as it was.
      byte[] grows = "ŉ".repeat(MAX_LINE / 2).getBytes(UTF_8);
      assertEquals("ŉ".repeat(MAX_LINE / 2), new String(exchangeLine(grows), UTF_8));
      assertEquals(
          transform == EchoTransform.UPPER ? "STRASSE FFI" : "straße ﬃ",
          new String(exchangeLine("straße ﬃ".getBytes(UTF_8)), UTF_8));
      server.close();
    }
  }

  /** Sends one line and returns the bytes of the answer, without its CRLF. */
  private byte[] exchangeLine(byte[] line) throws IOException {
    try (Socket socket = connect()) {
      socket.getOutputStream().write(line);
      socket.getOutputStream().write('\n');
      socket.shutdownOutput();
      byte[] answer = socket.getInputStream().readAllBytes();
      assertTrue(answer.length <= line.length + 2, answer.length + " bytes for " + line.length);
      assertEquals('\r', answer[answer.length - 2]);
      assertEquals('\n', answer[answer.length - 1]);
      return Arrays.copyOf(answer, answer.length - 2);
    }
  }

  @Test
  void manyClientsAreServedAtOnce() throws Exception {
    start(EchoTransform.AS_IS);
    int clients = 16;
    CountDownLatch allConnected = new CountDownLatch(clients);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int id = c;
        results.add(
            pool.submit(
                () -> {
                  try (TcpEchoClient client = client()) {
                    // Every connection is open before any talks: they are served side by side.
                    allConnected.countDown();
                    allConnected.await();
                    List<String> replies = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                      replies.add(client.echo(id + ":" + i));
                    }
                    return replies;
                  }
                }));
      }
      for (int c = 0; c < clients; c++) {
        List<String> replies = results.get(c).get();
        for (int i = 0; i < 50; i++) {
          assertEquals(c + ":" + i, replies.get(i));
        }
      }
    }
  }

  @Test
  void lineOverTheCapGetsAnErrorAndTheConnectionIsClosed() throws IOException {
    start(EchoTransform.AS_IS);
    try (Socket socket = connect()) {
      socket.getOutputStream().write(("x".repeat(30_000) + "\n").getBytes(UTF_8));
      BufferedReader in = reader(socket);
      assertEquals("! line longer than " + MAX_LINE + " bytes", in.readLine());
      assertNull(in.readLine());
    }
    try (TcpEchoClient other = client()) {
      assertEquals("still serving", other.echo("still serving"));
    }
  }

  @Test
  void clientThatDisconnectsMidLineIsFreedAndOthersAreServed() throws Exception {
    start(EchoTransform.AS_IS);
    try (TcpEchoClient other = client()) {
      assertEquals("before", other.echo("before"));
      try (Socket quitter = connect()) {
        quitter.getOutputStream().write("half a li".getBytes(UTF_8));
      }
      awaitConnections(1);
      assertEquals("after", other.echo("after"));
    }
    awaitConnections(0);
  }

  @Test
  void connectionBeyondTheCapIsToldTheServerIsBusy() throws IOException {
    start(EchoTransform.AS_IS, 1);
    try (TcpEchoClient first = client();
        Socket second = connect()) {
      assertEquals("first", first.echo("first"));
      BufferedReader in = reader(second);
      assertEquals("! too many connections, try again later", in.readLine());
      assertNull(in.readLine());
    }
  }

  @Test
  void tricklersFillingTheCapAreCutAtTheLineDeadlineAndANewcomerIsServed() throws Exception {
    start(EchoTransform.AS_IS, 2, Duration.ofSeconds(1));
    try (TricklingClient first = TricklingClient.connect(server.address(), Duration.ofMillis(300));
        TricklingClient second =
            TricklingClient.connect(server.address(), Duration.ofMillis(300))) {
      for (TricklingClient slow : List.of(first, second)) {
        assertEquals("! line not complete within 1s\r\n", slow.awaitClose(Duration.ofSeconds(5)));
        assertTrue(slow.closedAfterMillis() < 2500, slow.closedAfterMillis() + " ms");
      }
      // The server reads what they still send for a moment before it frees their slots.
      awaitConnections(0);
      try (TcpEchoClient newcomer = client()) {
        assertEquals("served", newcomer.echo("served"));
      }
    }
  }

  @Test
  void netcatGetsEachLineBack() throws Exception {
    Netcat.assumeInstalled();
    start(EchoTransform.UPPER);
    assertEquals("HELLO\r\nWORLD\r\n", Netcat.run("hello\nworld\n", server.port(), "-N"));
  }

  /** Waits until the server counts this many connections; the test's timeout bounds it. */
  private void awaitConnections(int expected) throws InterruptedException {
    while (server.activeConnections() != expected) {
      Thread.sleep(10);
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    socket.setSoTimeout(5000);
    return socket;
  }

  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
  }
}
