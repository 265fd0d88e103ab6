package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.rpc.server.ServerName;
import org.netlab.tls.SslContexts;

/**
 * How the XML-RPC port drains before its server stops, seen by a keep-alive client written here
 * over a plain TLS socket: answers name the server; once the drain begins they say {@code
 * Connection: close} and the server closes the connection after each; stopping closes the idle
 * connections at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class XmlRpcDrainTest {
  private static final String CALL =
      "<?xml version=\"1.0\"?><methodCall><methodName>calculator.add</methodName><params>"
          + "<param><value><int>2</int></value></param><param><value><int>3</int></value></param>"
          + "</params></methodCall>";

  @TempDir Path dataDir;
  private LoopbackServer server;

  @BeforeEach
  void start() throws IOException {
    server = LoopbackServer.start(dataDir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void onceTheDrainBeginsAnswersSayConnectionCloseAndEndTheirConnection() throws Exception {
    try (SSLSocket socket = connect()) {
      String before = exchange(socket);
      assertTrue(before.startsWith("http/1.1 200"), before);
      assertTrue(before.contains("x-served-by: " + ServerName.ofProcess()), before);
      assertFalse(before.contains("connection: close"), before);

      server.beginDrain();
      String during = exchange(socket);
      assertTrue(during.startsWith("http/1.1 200"), "the call is still served: " + during);
      assertTrue(during.contains("connection: close"), during);
      assertEquals(-1, readAfter(socket), "the server closed the connection after the answer");
    }
  }

  @Test
  void stoppingClosesAnIdleKeepAliveConnectionAtOnce() throws Exception {
    try (SSLSocket socket = connect()) {
      assertTrue(exchange(socket).startsWith("http/1.1 200"));
      long start = System.nanoTime();
      server.close();
      assertEquals(-1, readAfter(socket), "the idle connection was closed");
      assertTrue(
          System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5),
          "closed within the stop, not by an idle timeout");
    }
  }

  private SSLSocket connect() throws Exception {
    SSLSocket socket =
        (SSLSocket)
            SslContexts.forClient(server.caFile(), null, null)
                .getSocketFactory()
                .createSocket("127.0.0.1", server.webUrl("/").getPort());
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    return socket;
  }

  /** Sends one keep-alive call and reads its whole answer (head and Content-Length body). */
  private static String exchange(SSLSocket socket) throws IOException {
    byte[] body = CALL.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().write(body);
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    while (!answer.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed in the answer's head: " + answer);
      }
      answer.write(b);
    }
    String text = answer.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int at = text.indexOf("content-length: ") + "content-length: ".length();
    int length = Integer.parseInt(text.substring(at, text.indexOf("\r\n", at)).strip());
    in.readNBytes(length);
    return text;
  }

  /** The next byte from the server, -1 at the end of the stream (a reset counts as an end). */
  private static int readAfter(SSLSocket socket) throws IOException {
    try {
      return socket.getInputStream().read();
    } catch (SocketTimeoutException e) {
      return -2;
    } catch (SocketException e) {
      return -1;
    }
  }
}
