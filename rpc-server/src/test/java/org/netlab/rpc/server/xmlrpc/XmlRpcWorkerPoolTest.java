package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.domain.phonebook.jdbc.JdbcPhonebook;

/**
 * The worker pool is bounded: with one worker and one queued request, a third request arriving
 * while both are taken has its connection closed instead of waiting without bound, and the requests
 * already taken are still answered.
 */
@Timeout(60)
class XmlRpcWorkerPoolTest {
  private static final String HEAD_START = "POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\n";

  @TempDir Path directory;

  @Test
  void requestBeyondWorkersAndQueueIsShedAndTheOthersAreAnswered() throws Exception {
    XmlRpcLimits defaults = XmlRpcLimits.defaults();
    XmlRpcLimits oneWorker =
        new XmlRpcLimits(
            defaults.maxRequestBytes(),
            defaults.maxNestingDepth(),
            1,
            1,
            defaults.maxConnections(),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
    // Plain HTTP: over TLS the JDK server does the handshake on the worker too, so a
    // client waiting in the queue could not even send its first line.
    try (JdbcPhonebook phonebook = JdbcPhonebook.openEmbedded(directory);
        XmlRpcEndpoint endpoint =
            started(
                new XmlRpcEndpoint(
                    new InetSocketAddress("127.0.0.1", 0),
                    null,
                    new FiniteCalculator(),
                    phonebook,
                    oneWorker));
        Socket first = startRequest(endpoint);
        Socket second = startRequest(endpoint);
        Socket third = startRequest(endpoint)) {
      assertEquals("http", endpoint.uri().getScheme());
      // The dispatcher may take the three in any order: exactly one is shed.
      List<Socket> open = new ArrayList<>();
      for (Socket socket : List.of(first, second, third)) {
        if (!closedByServer(socket)) {
          open.add(socket);
        }
      }
      assertEquals(2, open.size(), "one request should have been shed");
      for (Socket socket : open) {
        finishRequest(socket);
      }
      for (Socket socket : open) {
        assertTrue(readAnswer(socket.getInputStream()).contains("<double>5.0</double>"));
      }
    }
  }

  /** Connects and sends the first header lines only, which holds a worker. */
  private static Socket startRequest(XmlRpcEndpoint endpoint) throws IOException {
    Socket socket = new Socket("127.0.0.1", endpoint.port());
    socket.setSoTimeout(20_000);
    socket.getOutputStream().write(HEAD_START.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }

  private static void finishRequest(Socket socket) throws IOException {
    byte[] call = XmlRpcCalls.addTwoAndThree().getBytes(StandardCharsets.US_ASCII);
    String rest = "Content-Type: text/xml\r\nContent-Length: " + call.length + "\r\n\r\n";
    socket.getOutputStream().write(rest.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().write(call);
    socket.getOutputStream().flush();
  }

  private static String readAnswer(InputStream in) throws IOException {
    StringBuilder answer = new StringBuilder();
    while (answer.indexOf("</methodResponse>") < 0) {
      int c = in.read();
      if (c == -1) {
        break;
      }
      answer.append((char) c);
    }
    assertTrue(answer.toString().startsWith("HTTP/1.1 200"), answer.toString());
    return answer.toString();
  }

  /** Whether the server closed the connection; two seconds of silence mean it is open. */
  private static boolean closedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(2_000);
    try {
      return socket.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset rather than closed
    } finally {
      socket.setSoTimeout(20_000);
    }
  }

  private static XmlRpcEndpoint started(XmlRpcEndpoint endpoint) throws IOException {
    endpoint.start();
    return endpoint;
  }
}
