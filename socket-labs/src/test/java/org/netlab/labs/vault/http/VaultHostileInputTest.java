package org.netlab.labs.vault.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlab.labs.net.TricklingClient;

/**
 * Every input a hostile client might send, each over a raw socket: the answer it gets, that the
 * connection closes when it must, and that another client is served right after.
 */
@Timeout(60)
class VaultHostileInputTest {
  private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path dir;
  private Path root;
  private VaultServer server;

  @BeforeEach
  void start() throws IOException {
    root = Files.createDirectories(dir.resolve("vault"));
    Files.writeString(root.resolve("hello.txt"), "hello, vault\n");
    Files.writeString(dir.resolve("outside.txt"), "must not leak");
    Files.createDirectories(root.resolve("sub"));
    Files.createSymbolicLink(root.resolve("leak.txt"), dir.resolve("outside.txt"));
    Files.createSymbolicLink(root.resolve("sub/up"), dir);
    byte[] big = new byte[64 << 20];
    new Random(1).nextBytes(big);
    Files.write(root.resolve("big.bin"), big);
    server =
        new VaultServer(
                VaultServer.Settings.plaintext(root)
                    .withTimeouts(HEAD_TIMEOUT, Duration.ofSeconds(30), WRITE_TIMEOUT))
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void anotherClientIsServed() throws IOException {
    try (RawHttp http = RawHttp.connect(server.port())) {
      RawHttp.Reply reply = http.send(RawHttp.get("/hello.txt")).read();
      assertEquals(200, reply.status());
      assertEquals("hello, vault\n", reply.text());
    }
  }

  private RawHttp.Reply send(String request) throws IOException {
    try (RawHttp http = RawHttp.connect(server.port())) {
      return http.send(request).read();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/../outside.txt",
        "/sub/../../outside.txt",
        "/%2e%2e/outside.txt",
        "/%2E%2E/outside.txt",
        "/..%2foutside.txt",
        "/sub%2f..%2f..%2foutside.txt",
        "/..%5coutside.txt",
        "/hello.txt%00.png",
        "/./hello.txt"
      })
  void traversalShapesAre400AndLeakNothing(String path) throws IOException {
    RawHttp.Reply reply = send(RawHttp.get(path));
    assertEquals(400, reply.status(), path);
    assertTrue(!reply.text().contains("must not leak"));
    anotherClientIsServed();
  }

  @Test
  void aBackslashInTheTargetIs400() throws IOException {
    assertEquals(400, send("GET /..\\outside.txt HTTP/1.1\r\nHost: h\r\n\r\n").status());
    anotherClientIsServed();
  }

  @Test
  void linksLeadingOutsideTheRootAreNotFound() throws IOException {
    assertEquals(404, send(RawHttp.get("/leak.txt")).status());
    assertEquals(404, send(RawHttp.get("/sub/up/outside.txt")).status());
    assertEquals(404, send(RawHttp.get("/sub/up/")).status());
    anotherClientIsServed();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /hello.txt HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "GET /hello.txt HTTP/1.1\r\nHost: h\r\nContent-Length: 30\r\n\r\n"
            + "GET /leak.txt HTTP/1.1\r\n\r\n",
        "POST /hello.txt HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "GET /hello.txt HTTP/1.1\r\nHost: h\r\nX-Folded: a\r\n b\r\n\r\n",
        "GET /hello.txt HTTP/1.1\nHost: h\n\n",
        "GET /hello.txt HTTP/1.1\r\n\r\n",
        "GET /hello.txt HTTP/1.1\r\nHost: h\r\nHost: evil\r\n\r\n",
        "GET /hello.txt HTTP/1.1\r\nHost: h\r\nContent-Length : 0\r\n\r\n",
        "GET /hello.txt HTTP/1.1\r\nHost: h\r\nTransfer-Encoding : chunked\r\n\r\n"
      })
  void smugglingShapesAre400AndClose(String request) throws IOException {
    try (RawHttp http = RawHttp.connect(server.port())) {
      RawHttp.Reply reply = http.send(request).read();
      assertEquals(400, reply.status(), request);
      assertTrue(reply.closes(), "the connection cannot go on");
      assertTrue(http.closedWithin(5000), "and it is closed");
    }
    anotherClientIsServed();
  }

  @Test
  void tenThousandHeaderLinesAre431() throws IOException {
    StringBuilder request = new StringBuilder("GET /hello.txt HTTP/1.1\r\nHost: h\r\n");
    for (int i = 0; i < 10_000; i++) {
      request.append("X-Field-").append(i).append(": ").append(i).append("\r\n");
    }
    request.append("\r\n");
    try (RawHttp http = RawHttp.connect(server.port())) {
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      http.send(request.toString());
                    } catch (IOException e) {
                      // The server closed while the rest was on its way: expected.
                    }
                  });
      RawHttp.Reply reply = http.read();
      assertEquals(431, reply.status());
      assertTrue(reply.closes());
      writer.join(10_000);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    anotherClientIsServed();
  }

  @Test
  void aRequestLineOver8KiBIs414() throws IOException {
    RawHttp.Reply reply = send(RawHttp.get("/" + "a".repeat(9000)));
    assertEquals(414, reply.status());
    anotherClientIsServed();
  }

  @Test
  void aSlowlorisGets408WithinTheHeadTimeout() throws IOException {
    try (TricklingClient slow =
        TricklingClient.connect(
            new InetSocketAddress("127.0.0.1", server.port()), Duration.ofMillis(200))) {
      anotherClientIsServed();
      String said = slow.awaitClose(Duration.ofSeconds(10));
      assertTrue(said.startsWith("HTTP/1.1 408 Request Timeout\r\n"), said);
      assertTrue(
          slow.closedAfterMillis() < HEAD_TIMEOUT.toMillis() + 1500,
          "closed after " + slow.closedAfterMillis() + " ms");
    }
    anotherClientIsServed();
  }

  @Test
  void aKeptAliveConnectionTricklingItsSecondHeadGets408Too() throws Exception {
    try (RawHttp http = RawHttp.connect(server.port())) {
      assertEquals(200, http.send(RawHttp.get("/hello.txt")).read().status());
      long start = System.nanoTime();
      for (char c : "GET /hello.txt HTTP/1.1\r\n".toCharArray()) {
        try {
          http.send(String.valueOf(c));
        } catch (IOException e) {
          break;
        }
        Thread.sleep(200);
        if (System.nanoTime() - start > HEAD_TIMEOUT.toNanos() + 1_000_000_000L) {
          break;
        }
      }
      RawHttp.Reply reply = http.read();
      assertEquals(408, reply.status());
    }
    anotherClientIsServed();
  }

  @Test
  void aClientThatNeverReadsALargeFileIsDropped() throws Exception {
    try (Socket lazy = new Socket()) {
      lazy.setReceiveBufferSize(4096);
      lazy.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
      lazy.getOutputStream().write(RawHttp.get("/big.bin").getBytes(ISO_8859_1));
      lazy.getOutputStream().flush();
      Thread.sleep(500);
      assertEquals(1, server.activeConnections());
      anotherClientIsServed();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (server.activeConnections() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(0, server.activeConnections(), "the stalled writer was dropped");
      // What the client can still read ends short of the 64 MiB.
      lazy.setSoTimeout(5000);
      InputStream in = lazy.getInputStream();
      long total = 0;
      try {
        for (int n = in.read(new byte[65536]); n >= 0; n = in.read(new byte[65536])) {
          total += n;
        }
      } catch (IOException e) {
        // Reset: fine, the connection is gone.
      }
      assertTrue(total < 64 << 20, "read " + total);
    }
    anotherClientIsServed();
  }

  @Test
  void overTheConnectionCapIs503() throws Exception {
    server.close();
    server = new VaultServer(VaultServer.Settings.plaintext(root).withMaxConnections(2)).start();
    try (RawHttp one = RawHttp.connect(server.port());
        RawHttp two = RawHttp.connect(server.port())) {
      assertEquals(200, one.send(RawHttp.get("/hello.txt")).read().status());
      assertEquals(200, two.send(RawHttp.get("/hello.txt")).read().status());
      try (RawHttp three = RawHttp.connect(server.port())) {
        RawHttp.Reply busy = three.send(RawHttp.get("/hello.txt")).read();
        assertEquals(503, busy.status());
        assertTrue(busy.closes());
      }
    }
    Thread.sleep(200);
    anotherClientIsServed();
  }

  @Test
  void aClientOutsideTheAddressListGets403AndTheConnectionCloses() throws IOException {
    server.close();
    server =
        new VaultServer(
                VaultServer.Settings.plaintext(root)
                    .withAllowedAddresses(java.util.List.of(AddressRange.parse("10.0.0.0/8"))))
            .start();
    try (RawHttp http = RawHttp.connect(server.port())) {
      RawHttp.Reply reply = http.send(RawHttp.get("/hello.txt")).read();
      assertEquals(403, reply.status());
      assertTrue(reply.closes());
      assertTrue(http.closedWithin(5000));
    }
  }
}
