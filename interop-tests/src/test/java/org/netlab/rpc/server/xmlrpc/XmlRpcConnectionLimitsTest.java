package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.client.RpcConnection;

/**
 * Slow, idle and surplus connections are closed by the server, which goes on answering others. The
 * endpoint runs with one-second timeouts and at most four connections.
 */
@Timeout(60)
class XmlRpcConnectionLimitsTest {
  private static final int MAX_CONNECTIONS = 4;
  private static final int MAX_CONNECTIONS_PER_ADDRESS = 2;

  @TempDir Path directory;
  private XmlRpcTestServer server;

  @BeforeEach
  void startWithOneSecondTimeouts() throws IOException {
    XmlRpcLimits defaults = XmlRpcLimits.defaults();
    server =
        XmlRpcTestServer.start(
            directory,
            new XmlRpcLimits(
                defaults.maxRequestBytes(),
                defaults.maxNestingDepth(),
                defaults.workerThreads(),
                defaults.maxQueuedRequests(),
                MAX_CONNECTIONS,
                MAX_CONNECTIONS_PER_ADDRESS,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1)));
  }

  @AfterEach
  void stillServesThenStop() throws IOException {
    try (RpcConnection client = RpcConnection.open(XmlRpcTestClients.settings(server))) {
      assertEquals(5.0, client.calculator().add(2, 3));
    } finally {
      server.close();
    }
  }

  @Test
  void requestHeadSentTooSlowlyIsCutOff() throws Exception {
    try (SSLSocket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write("POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertClosedByServer(socket.getInputStream());
    }
  }

  @Test
  void bodySentTooSlowlyIsAnswered408AndTheConnectionClosed() throws Exception {
    try (SSLSocket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
                  + "Content-Length: 200\r\n\r\n<?xml version=\"1.0\"?>")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = readUntil(in, "the request did not arrive within 1 s\n");
      assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
      assertTrue(answer.contains("connection: close"), answer);
      assertClosedByServer(in);
    }
  }

  @Test
  void idleKeepAliveConnectionIsClosed() throws Exception {
    byte[] call = XmlRpcCalls.addTwoAndThree().getBytes(StandardCharsets.US_ASCII);
    try (SSLSocket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n"
                  + "Content-Length: "
                  + call.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(call);
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = readUntil(in, "</methodResponse>");
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      assertClosedByServer(in);
    }
  }

  @Test
  void connectionThatNeverStartsTlsIsClosed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.endpoint.port())) {
      socket.setSoTimeout(30_000);
      assertClosedByServer(socket.getInputStream());
    }
  }

  @Test
  void oneAddressCannotTakeEveryConnectionAndOthersAreStillServed() throws Exception {
    SSLSocket[] held = new SSLSocket[MAX_CONNECTIONS_PER_ADDRESS];
    try {
      for (int i = 0; i < held.length; i++) {
        held[i] = connect("127.0.0.1");
        held[i].startHandshake();
      }
      try (Socket beyond = new Socket("127.0.0.1", server.endpoint.port())) {
        beyond.setSoTimeout(30_000);
        assertClosedByServer(beyond.getInputStream());
      }
      try (SSLSocket other = connect("127.0.0.2")) {
        other.startHandshake();
      }
    } finally {
      for (Socket socket : held) {
        if (socket != null) {
          socket.close();
        }
      }
    }
  }

  @Test
  void connectionBeyondTheCapIsClosedAtOnceAndServedOnceOthersLeave() throws Exception {
    SSLSocket[] held = new SSLSocket[MAX_CONNECTIONS];
    try {
      for (int i = 0; i < held.length; i++) {
        // From two addresses, as the cap per address is lower than the cap.
        held[i] = connect(i % 2 == 0 ? "127.0.0.1" : "127.0.0.3");
        held[i].startHandshake();
      }
      try (Socket beyond = new Socket("127.0.0.1", server.endpoint.port())) {
        beyond.setSoTimeout(30_000);
        assertClosedByServer(beyond.getInputStream());
      }
    } finally {
      for (Socket socket : held) {
        if (socket != null) {
          socket.close();
        }
      }
    }
    // The server counts the closed connections out as it sees them go.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try (SSLSocket again = connect()) {
        again.startHandshake();
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  private SSLSocket connect() throws IOException {
    return connect("127.0.0.1");
  }

  /** A TLS connection to the server from {@code localAddress}, one of the loopback addresses. */
  private SSLSocket connect(String localAddress) throws IOException {
    SSLSocket socket =
        (SSLSocket)
            server
                .clientTls
                .getSocketFactory()
                .createSocket(
                    InetAddress.getByName("127.0.0.1"),
                    server.endpoint.port(),
                    InetAddress.getByName(localAddress),
                    0);
    socket.setSoTimeout(30_000);
    return socket;
  }

  /** Waits (up to the socket timeout) for the server to close the connection. */
  private static void assertClosedByServer(InputStream in) throws IOException {
    try {
      while (in.read() != -1) {
        // discard whatever comes before the close
      }
    } catch (SocketTimeoutException e) {
      fail("the server kept the connection open");
    } catch (SSLException | SocketException e) {
      // closed without a TLS close_notify: closed all the same
    }
  }

  private static String readUntil(InputStream in, String end) throws IOException {
    StringBuilder text = new StringBuilder();
    while (text.indexOf(end) < 0) {
      int c = in.read();
      if (c == -1) {
        break;
      }
      if (c != '\r') {
        text.append((char) c);
      }
    }
    return text.toString();
  }
}
