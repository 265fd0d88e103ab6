package org.netlab.rpc.client.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.calculator.Calculator;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;

/** How the XML-RPC client uses its HTTP/1.1 connections, seen from peers on loopback. */
@Timeout(30)
class XmlRpcKeepAliveTest {
  private static final String SUM =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><params><param><value>"
          + "<double>3.0</double></value></param></params></methodResponse>";

  @TempDir Path directory;
  private HttpServer peer;

  @AfterEach
  void stopPeer() {
    if (peer != null) {
      peer.stop(0);
    }
  }

  @Test
  void successiveCallsReuseOneConnection() throws IOException {
    List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    String url = httpPeer(false, clientPorts);
    try (RpcConnection connection = XmlRpcTransport.open(settings(url))) {
      Calculator calculator = connection.calculator();
      for (int i = 0; i < 3; i++) {
        assertEquals(3, calculator.add(1, 2));
      }
    }
    assertEquals(3, clientPorts.size());
    assertEquals(1, clientPorts.stream().distinct().count(), "ports: " + clientPorts);
  }

  @Test
  void aChunkedAnswerIsRead() throws IOException {
    String url = httpPeer(true, new CopyOnWriteArrayList<>());
    try (RpcConnection connection = XmlRpcTransport.open(settings(url))) {
      assertEquals(3, connection.calculator().add(1, 2));
      assertEquals(3, connection.calculator().add(1, 2));
    }
  }

  @Test
  void aConnectionTheServerClosedWhileIdleIsReplacedByANewOne() throws Exception {
    List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // Answers one call per connection, as keep-alive, then closes the connection.
      Thread.ofVirtual()
          .start(
              () -> {
                while (!server.isClosed()) {
                  try (Socket socket = server.accept()) {
                    clientPorts.add(socket.getPort());
                    readRequest(socket.getInputStream());
                    byte[] body = SUM.getBytes(StandardCharsets.UTF_8);
                    OutputStream out = socket.getOutputStream();
                    out.write(
                        ("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: "
                                + body.length
                                + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                  } catch (IOException e) {
                    // the test has ended
                  }
                }
              });
      String url = "http://127.0.0.1:" + server.getLocalPort() + "/RPC2";
      try (RpcConnection connection = XmlRpcTransport.open(settings(url))) {
        Calculator calculator = connection.calculator();
        assertEquals(3, calculator.add(1, 2));
        assertEquals(3, calculator.add(1, 2));
      }
    }
    assertEquals(2, clientPorts.size());
    assertNotEquals(clientPorts.get(0), clientPorts.get(1));
  }

  /** Reads a request's head and its Content-Length bytes of body. */
  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the request ended early");
      }
      head.write(b);
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
  }

  private ClientSettings settings(String url) {
    return ClientSettings.forUrl(url).withCaFile(directory.resolve("unused-ca.pem"));
  }

  /** A JDK HTTP server answering every call with 3.0, chunked or with a length. */
  private String httpPeer(boolean chunked, List<Integer> clientPorts) throws IOException {
    peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    peer.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          clientPorts.add(exchange.getRemoteAddress().getPort());
          byte[] body = SUM.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/xml");
          exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, 0, 40);
            out.flush();
            out.write(body, 40, body.length - 40);
          }
        });
    peer.start();
    return "http://127.0.0.1:" + peer.getAddress().getPort() + "/RPC2";
  }
}
