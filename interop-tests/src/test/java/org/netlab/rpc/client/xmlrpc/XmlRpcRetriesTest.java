package org.netlab.rpc.client.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.phonebook.Entry;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RetryPolicy;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.client.TokenAdmin;
import org.netlab.rpc.client.TransportException;
import org.netlab.rpc.contract.IdempotencyKeys;

/**
 * What our XML-RPC client sends again, and with which idempotency key, seen from independent peers
 * on loopback: the JDK's HTTP server, and raw sockets for answers no HTTP server would give.
 */
@Timeout(30)
class XmlRpcRetriesTest {
  private static final String ALICE =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><params><param><value><struct>"
          + "<member><name>name</name><value><string>Alice</string></value></member>"
          + "<member><name>number</name><value><string>0123</string></value></member>"
          + "</struct></value></param></params></methodResponse>";

  @TempDir Path directory;
  private final List<HttpServer> peers = new ArrayList<>();

  @AfterEach
  void stopPeers() {
    peers.forEach(peer -> peer.stop(0));
  }

  /** What a peer saw of one request. */
  private record Seen(String method, String idempotencyKey) {}

  @Test
  void aWriteSentAgainAfterA503CarriesTheSameKey() throws IOException {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    String url = peer(seen, 1);
    try (RpcConnection connection = RpcConnection.open(settings(url))) {
      assertEquals(new Entry("Alice", "0123"), connection.phonebook().add("Alice", "0123"));
    }
    assertEquals(2, seen.size(), "the refused attempt, then the answered one: " + seen);
    String key = seen.get(0).idempotencyKey();
    assertTrue(IdempotencyKeys.wellFormed(key), key);
    assertEquals(key, UUID.fromString(key).toString());
    assertEquals(key, seen.get(1).idempotencyKey());
  }

  @Test
  void aWriteFailedOverToAnotherServerCarriesTheSameKey() throws IOException {
    List<Seen> refusing = new CopyOnWriteArrayList<>();
    List<Seen> answering = new CopyOnWriteArrayList<>();
    String url = peer(refusing, Integer.MAX_VALUE) + "," + peer(answering, 0);
    try (RpcConnection connection = RpcConnection.open(settings(url))) {
      connection.phonebook().update("Alice", "0123");
    }
    assertEquals(1, refusing.size(), "the first server in turn, refused: " + refusing);
    assertEquals(1, answering.size());
    assertEquals("phonebook.updateEntry", answering.get(0).method());
    assertEquals(refusing.get(0).idempotencyKey(), answering.get(0).idempotencyKey());
  }

  @Test
  void eachWriteHasAKeyOfItsOwnAndReadsHaveNone() throws IOException {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    String url = peer(seen, 0);
    try (RpcConnection connection = RpcConnection.open(settings(url))) {
      connection.phonebook().add("Alice", "0123");
      connection.phonebook().add("Alice", "0123");
      connection.phonebook().find("Alice");
    }
    assertEquals(3, seen.size());
    assertNotEquals(seen.get(0).idempotencyKey(), seen.get(1).idempotencyKey());
    assertEquals("phonebook.findEntry", seen.get(2).method());
    assertNull(seen.get(2).idempotencyKey());
  }

  @Test
  void a503IsRetriedAtMostFourTimesThenThrown() throws IOException {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    String url = peer(seen, Integer.MAX_VALUE);
    try (RpcConnection connection = RpcConnection.open(settings(url))) {
      TransportException error =
          assertThrows(TransportException.class, () -> connection.phonebook().find("Alice"));
      assertTrue(error.getMessage().contains("503"), error.getMessage());
      assertTrue(error.getMessage().contains(url), "names the server: " + error.getMessage());
    }
    assertEquals(RetryPolicy.MAX_ATTEMPTS, seen.size());
  }

  @Test
  void anAnswerCutOffIsRetriedForAnIdempotentCallButNotForATokenWrite() throws Exception {
    try (ServerSocket cutting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger requests = new AtomicInteger();
      Thread.ofVirtual().start(() -> cutAnswers(cutting, requests));
      ClientSettings settings = settings("http://127.0.0.1:" + cutting.getLocalPort() + "/RPC2");

      try (RpcConnection connection = RpcConnection.open(settings)) {
        assertThrows(TransportException.class, () -> connection.calculator().add(1, 2));
      }
      assertEquals(RetryPolicy.MAX_ATTEMPTS, requests.getAndSet(0), "calculator.add");

      try (TokenAdmin tokens = TokenAdmin.open(settings)) {
        assertThrows(TransportException.class, () -> tokens.revoke("ci"));
      }
      assertEquals(1, requests.get(), "token.revoke carries no key: it may not be sent twice");
    }
  }

  @Test
  void aCallThatNeverGetsAnAnswerEndsWithinItsTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new CopyOnWriteArrayList<>();
      Thread.ofVirtual()
          .start(
              () -> {
                while (!silent.isClosed()) {
                  try {
                    held.add(silent.accept()); // reads nothing, answers nothing
                  } catch (IOException e) {
                    // the test has ended
                  }
                }
              });
      Duration timeout = Duration.ofMillis(400);
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/RPC2";
      try (RpcConnection connection = RpcConnection.open(settings(url).withTimeout(timeout))) {
        long start = System.nanoTime();
        TransportException error =
            assertThrows(TransportException.class, () -> connection.calculator().add(1, 2));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(TransportException.Kind.TIMEOUT, error.kind());
        assertTrue(elapsed.compareTo(timeout.plusMillis(200)) < 0, "ended after " + elapsed);
      } finally {
        for (Socket socket : held) {
          socket.close();
        }
      }
    }
  }

  /** Reads each request, then sends the head of an answer and half its body, and hangs up. */
  private static void cutAnswers(ServerSocket server, AtomicInteger requests) {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        readRequest(socket.getInputStream());
        requests.incrementAndGet();
        OutputStream out = socket.getOutputStream();
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 400\r\n\r\n"
                    + "<?xml version=\"1.0\"?><methodResponse>")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        // the test has ended
      }
    }
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

  /**
   * A JDK HTTP server on loopback that answers its first {@code refusals} requests with 503, then
   * every request with Alice's entry, recording each one's method and idempotency key.
   */
  private String peer(List<Seen> seen, int refusals) throws IOException {
    HttpServer peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    AtomicInteger count = new AtomicInteger();
    peer.createContext(
        "/RPC2",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int start = body.indexOf("<methodName>") + "<methodName>".length();
          String method = body.substring(start, body.indexOf("</methodName>"));
          seen.add(
              new Seen(method, exchange.getRequestHeaders().getFirst(IdempotencyKeys.HTTP_HEADER)));
          if (count.getAndIncrement() < refusals) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
          }
          byte[] answer = ALICE.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/xml");
          exchange.sendResponseHeaders(200, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    peer.start();
    peers.add(peer);
    return "http://127.0.0.1:" + peer.getAddress().getPort() + "/RPC2";
  }

  private ClientSettings settings(String url) {
    return ClientSettings.forUrl(url).withCaFile(directory.resolve("unused-ca.pem"));
  }
}
