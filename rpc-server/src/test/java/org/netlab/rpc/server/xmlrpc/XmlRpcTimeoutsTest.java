package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.client.xmlrpc.XmlRpcCalculatorClient;
import org.netlab.rpc.client.xmlrpc.XmlRpcClientSettings;
import org.netlab.tls.DataDirectory;
import org.netlab.tls.SslContexts;

/**
 * Slow and idle connections are closed by the server. The JDK server reads its timeouts once per
 * JVM, so the endpoint runs in a JVM of its own with one-second timeouts.
 */
@Timeout(90)
class XmlRpcTimeoutsTest {
  @TempDir Path directory;
  private Process server;
  private URI url;

  @BeforeEach
  void startServerWithOneSecondTimeouts() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    server =
        new ProcessBuilder(
                java,
                "-Dsun.net.httpserver.nodelay=true",
                "-Dsun.net.httpserver.maxReqTime=1",
                "-Dsun.net.httpserver.idleInterval=1",
                "-Dsun.net.httpserver.clockTick=200",
                "-cp",
                System.getProperty("java.class.path"),
                XmlRpcBenchServer.class.getName(),
                "0",
                directory.toString())
            .redirectErrorStream(true)
            .start();
    BufferedReader output =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line = output.readLine(); line != null; line = output.readLine()) {
      if (line.startsWith("serving ")) {
        url = URI.create(line.split(" ")[1]);
        break;
      }
    }
    assertTrue(url != null, "the endpoint did not start");
    Thread.ofVirtual().start(() -> drain(output));
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    server.destroy();
    server.waitFor();
  }

  @Test
  void requestSentTooSlowlyIsCutOff() throws Exception {
    try (SSLSocket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write("POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertClosedByServer(socket.getInputStream());
    }
    assertEquals(5.0, newClient().add(2, 3));
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

  private SSLSocket connect() throws IOException {
    SSLSocket socket =
        (SSLSocket)
            SslContexts.forClient(caFile(), null, null)
                .getSocketFactory()
                .createSocket(url.getHost(), url.getPort());
    socket.setSoTimeout(30_000);
    return socket;
  }

  private Path caFile() {
    return DataDirectory.caFile(directory);
  }

  private XmlRpcCalculatorClient newClient() throws IOException {
    return new XmlRpcCalculatorClient(XmlRpcClientSettings.forUrl(url).withCaFile(caFile()));
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
      text.append((char) c);
    }
    return text.toString();
  }

  private static void drain(BufferedReader output) {
    try {
      while (output.readLine() != null) {
        // keep the child's output pipe from filling up
      }
    } catch (IOException e) {
      // the child is gone
    }
  }
}
