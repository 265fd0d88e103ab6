package org.netlab.labs.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class TcpServerTest {
  private static TcpServer.Options options(int max, Duration idle) {
    return new TcpServer.Options(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), max, idle);
  }

  private static final ConnectionHandler ECHO_ONE_LINE =
      socket -> {
        BufferedReader in =
            new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
        String line = in.readLine();
        OutputStream out = socket.getOutputStream();
        out.write((line + LineReader.CRLF).getBytes(US_ASCII));
      };

  @Test
  void servesManyConnectionsOneAfterAnother() throws IOException {
    try (TcpServer server =
        new TcpServer("t", options(4, Duration.ofSeconds(5)), ECHO_ONE_LINE).start()) {
      for (int i = 0; i < 20; i++) {
        assertEquals("hello " + i, exchange(server, "hello " + i));
      }
    }
  }

  @Test
  void connectionBeyondTheCapGetsTheRefusalAndIsClosed() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    ConnectionHandler blocking =
        new ConnectionHandler() {
          @Override
          public void handle(Socket socket) {
            entered.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public void refuse(Socket socket) throws IOException {
            socket.getOutputStream().write(("busy" + LineReader.CRLF).getBytes(US_ASCII));
          }
        };
    try (TcpServer server =
            new TcpServer("t", options(1, Duration.ofSeconds(5)), blocking).start();
        Socket first = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      entered.await();
      try (Socket second = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
        BufferedReader in =
            new BufferedReader(new InputStreamReader(second.getInputStream(), US_ASCII));
        assertEquals("busy", in.readLine());
        assertEquals(null, in.readLine());
      }
      release.countDown();
    }
  }

  @Test
  void idleClientIsDisconnected() throws IOException {
    try (TcpServer server =
            new TcpServer("t", options(4, Duration.ofMillis(200)), ECHO_ONE_LINE).start();
        Socket idle = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      idle.setSoTimeout(5000);
      assertEquals(-1, idle.getInputStream().read());
    }
  }

  @Test
  void closeEndsOpenConnectionsAndFreesThePort() throws Exception {
    CountDownLatch accepted = new CountDownLatch(1);
    TcpServer server =
        new TcpServer(
            "t",
            options(4, Duration.ofSeconds(30)),
            socket -> {
              accepted.countDown();
              ECHO_ONE_LINE.handle(socket);
            });
    server.start();
    int port = server.port();
    try (Socket open = new Socket(InetAddress.getLoopbackAddress(), port)) {
      open.setSoTimeout(5000);
      // Closing the listener resets connections it has not accepted yet: wait for this one.
      accepted.await();
      server.close();
      server.close();
      assertEquals(-1, open.getInputStream().read());
    }
    assertThrows(SocketException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port));
  }

  @Test
  void portInUseIsAClearError() throws IOException {
    try (TcpServer first =
        new TcpServer("t", options(1, Duration.ofSeconds(1)), ECHO_ONE_LINE).start()) {
      TcpServer second =
          new TcpServer(
              "t", new TcpServer.Options(first.address(), 1, Duration.ofSeconds(1)), ECHO_ONE_LINE);
      IOException error = assertThrows(IOException.class, second::start);
      assertEquals(true, error.getMessage().startsWith("cannot listen on "), error.getMessage());
    }
  }

  private static String exchange(TcpServer server, String line) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write((line + LineReader.CRLF).getBytes(US_ASCII));
      return new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII))
          .readLine();
    }
  }
}
