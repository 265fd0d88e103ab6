package org.netlab.labs.vault.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the server answers to well-formed requests, read off a raw socket. */
@Timeout(30)
class VaultHttpTest {
  @TempDir Path root;
  private VaultServer server;
  private byte[] data;

  @BeforeEach
  void start() throws IOException {
    data = new byte[300_000];
    new Random(7).nextBytes(data);
    Files.write(root.resolve("data.bin"), data);
    Files.writeString(root.resolve("hello.txt"), "hello, vault\n");
    Files.setLastModifiedTime(
        root.resolve("hello.txt"), FileTime.from(Instant.parse("2026-11-30T10:00:00.5Z")));
    Files.writeString(root.resolve("secret.key"), "not served");
    Files.createDirectories(root.resolve("sub dir"));
    Files.writeString(root.resolve("sub dir/<b>&.txt"), "escaped");
    server = new VaultServer(VaultServer.Settings.plaintext(root)).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RawHttp.Reply get(String path) throws IOException {
    try (RawHttp http = RawHttp.connect(server.port())) {
      return http.send(RawHttp.get(path)).read();
    }
  }

  @Test
  void aFileComesWithItsTypeLengthDatesAndTag() throws IOException {
    RawHttp.Reply reply = get("/hello.txt");
    assertEquals(200, reply.status());
    assertEquals("hello, vault\n", reply.text());
    assertEquals("text/plain; charset=utf-8", reply.field("Content-Type"));
    assertEquals("13", reply.field("Content-Length"));
    assertEquals("Mon, 30 Nov 2026 10:00:00 GMT", reply.field("Last-Modified"));
    assertTrue(reply.field("ETag").matches("\"d-[0-9a-f]+\""), reply.field("ETag"));
    assertEquals("bytes", reply.field("Accept-Ranges"));
    assertNotNull(HttpDates.parse(reply.field("Date")));
  }

  @Test
  void aBinaryFileArrivesWhole() throws IOException {
    RawHttp.Reply reply = get("/data.bin");
    assertEquals(200, reply.status());
    assertEquals("application/octet-stream", reply.field("Content-Type"));
    assertArrayEquals(data, reply.body());
  }

  @Test
  void theLabsThreeRefusals() throws IOException {
    assertEquals(400, get("/secret.key").status());
    assertEquals(404, get("/missing.txt").status());
    RawHttp.Reply refused = get("/secret.key");
    assertEquals("text/html; charset=utf-8", refused.field("Content-Type"));
    assertTrue(refused.text().contains("400 Bad Request"), refused.text());
  }

  @Test
  void headSendsTheFieldsOfGetAndNoBody() throws IOException {
    try (RawHttp http = RawHttp.connect(server.port())) {
      RawHttp.Reply head = http.send("HEAD /data.bin HTTP/1.1\r\nHost: h\r\n\r\n").readHead();
      assertEquals(200, head.status());
      assertEquals("300000", head.field("Content-Length"));
      RawHttp.Reply next = http.send(RawHttp.get("/hello.txt")).read();
      assertEquals("hello, vault\n", next.text(), "no body bytes were left before the next reply");
    }
  }

  @Test
  void validatorsAnswer304() throws IOException {
    String etag = get("/hello.txt").field("ETag");
    try (RawHttp http = RawHttp.connect(server.port())) {
      RawHttp.Reply same =
          http.send(
                  "GET /hello.txt HTTP/1.1\r\nHost: h\r\nIf-None-Match: \"x\", "
                      + etag
                      + "\r\n\r\n")
              .read();
      assertEquals(304, same.status());
      assertEquals(etag, same.field("ETag"));
      assertNull(same.field("Content-Length"));
      RawHttp.Reply weak =
          http.send("GET /hello.txt HTTP/1.1\r\nHost: h\r\nIf-None-Match: W/" + etag + "\r\n\r\n")
              .read();
      assertEquals(304, weak.status());
      RawHttp.Reply other =
          http.send("GET /hello.txt HTTP/1.1\r\nHost: h\r\nIf-None-Match: \"x\"\r\n\r\n").read();
      assertEquals(200, other.status());
      RawHttp.Reply since =
          http.send(
                  "GET /hello.txt HTTP/1.1\r\nHost: h\r\n"
                      + "If-Modified-Since: Mon, 30 Nov 2026 10:00:00 GMT\r\n\r\n")
              .read();
      assertEquals(304, since.status());
      RawHttp.Reply before =
          http.send(
                  "GET /hello.txt HTTP/1.1\r\nHost: h\r\n"
                      + "If-Modified-Since: Mon, 30 Nov 2026 09:59:59 GMT\r\n\r\n")
              .read();
      assertEquals(200, before.status());
    }
  }

  @Test
  void aSingleRangeIs206AndAnUnsatisfiableOne416() throws IOException {
    try (RawHttp http = RawHttp.connect(server.port())) {
      RawHttp.Reply part =
          http.send("GET /data.bin HTTP/1.1\r\nHost: h\r\nRange: bytes=1000-1999\r\n\r\n").read();
      assertEquals(206, part.status());
      assertEquals("bytes 1000-1999/300000", part.field("Content-Range"));
      assertArrayEquals(Arrays.copyOfRange(data, 1000, 2000), part.body());
      RawHttp.Reply tail =
          http.send("GET /data.bin HTTP/1.1\r\nHost: h\r\nRange: bytes=-10\r\n\r\n").read();
      assertArrayEquals(Arrays.copyOfRange(data, 299_990, 300_000), tail.body());
      RawHttp.Reply beyond =
          http.send("GET /data.bin HTTP/1.1\r\nHost: h\r\nRange: bytes=300000-\r\n\r\n").read();
      assertEquals(416, beyond.status());
      assertEquals("bytes */300000", beyond.field("Content-Range"));
      RawHttp.Reply stale =
          http.send(
                  "GET /data.bin HTTP/1.1\r\nHost: h\r\nRange: bytes=0-9\r\nIf-Range: \"old\"\r\n\r\n")
              .read();
      assertEquals(200, stale.status(), "If-Range that no longer matches: the whole file");
    }
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws IOException {
    try (RawHttp http = RawHttp.connect(server.port())) {
      http.send(
          RawHttp.get("/hello.txt")
              + RawHttp.get("/missing.txt")
              + "HEAD /data.bin HTTP/1.1\r\nHost: h\r\n\r\n"
              + RawHttp.get("/data.bin")
              + "GET /hello.txt HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
      assertEquals("hello, vault\n", http.read().text());
      assertEquals(404, http.read().status());
      assertEquals("300000", http.readHead().field("Content-Length"));
      assertArrayEquals(data, http.read().body());
      RawHttp.Reply last = http.read();
      assertEquals(200, last.status());
      assertTrue(last.closes());
      assertTrue(http.closedWithin(5000), "Connection: close is honoured");
    }
  }

  @Test
  void http10ClosesUnlessKeptAlive() throws IOException {
    try (RawHttp http = RawHttp.connect(server.port())) {
      RawHttp.Reply reply = http.send("GET /hello.txt HTTP/1.0\r\n\r\n").read();
      assertEquals(200, reply.status());
      assertTrue(http.closedWithin(5000));
    }
  }

  @Test
  void http10KeepsAliveWhenAskedAndSaysSo() throws IOException {
    try (RawHttp http = RawHttp.connect(server.port())) {
      String request = "GET /hello.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
      RawHttp.Reply first = http.send(request).read();
      assertEquals("keep-alive", first.field("Connection"));
      assertEquals(200, http.send(request).read().status());
    }
  }

  @Test
  void aRequestExpecting100ContinueIsRefusedAtOnce() throws IOException {
    try (RawHttp http = RawHttp.connect(server.port())) {
      RawHttp.Reply reply =
          http.send(
                  "PUT /new.txt HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n"
                      + "Expect: 100-continue\r\n\r\n")
              .read();
      assertEquals(405, reply.status());
      assertTrue(reply.closes(), "the body that may follow is not read");
    }
  }

  @Test
  void otherMethodsAre405WithAllow() throws IOException {
    try (RawHttp http = RawHttp.connect(server.port())) {
      RawHttp.Reply post =
          http.send("POST /hello.txt HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello").read();
      assertEquals(405, post.status());
      assertEquals("GET, HEAD", post.field("Allow"));
      assertFalse(post.closes(), "a small body is read past and the connection goes on");
      assertEquals(200, http.send(RawHttp.get("/hello.txt")).read().status());
      RawHttp.Reply big =
          http.send("PUT /x.txt HTTP/1.1\r\nHost: h\r\nContent-Length: 10000000\r\n\r\n").read();
      assertEquals(413, big.status());
      assertTrue(big.closes());
    }
  }

  @Test
  void aDirectoryIsAnIndexAndWithoutItsSlashARedirect() throws IOException {
    RawHttp.Reply redirect = get("/sub%20dir");
    assertEquals(301, redirect.status());
    assertEquals("/sub%20dir/", redirect.field("Location"));
    RawHttp.Reply index = get("/sub%20dir/");
    assertEquals(200, index.status());
    assertTrue(
        index.text().contains("<a href=\"%3Cb%3E%26.txt\">&lt;b&gt;&amp;.txt</a>"), index.text());
    RawHttp.Reply top = get("/");
    assertTrue(top.text().contains("href=\"sub%20dir/\""), top.text());
    assertTrue(top.text().contains("hello.txt"), top.text());
    assertFalse(top.text().contains("secret.key"), "types not served are not listed");
    assertEquals("escaped", get("/sub%20dir/%3Cb%3E%26.txt").text());
  }

  @Test
  void theAccessLogHasOneCommonLogFormatLinePerRequest() throws Exception {
    server.close();
    Path log = root.getParent().resolve(root.getFileName() + "-access.log");
    try (AccessLog accessLog = AccessLog.toFile(log)) {
      server =
          new VaultServer(VaultServer.Settings.plaintext(root).withAccessLog(accessLog)).start();
      get("/hello.txt");
      get("/missing.txt");
      // The line is written once the answer is out: the client may read it first.
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (Files.readString(log, UTF_8).lines().count() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      // Each connection writes its own line: the two may come in either order.
      java.util.List<String> lines = Files.readString(log, UTF_8).lines().sorted().toList();
      assertEquals(2, lines.size());
      assertTrue(
          lines
              .get(0)
              .matches(
                  "127\\.0\\.0\\.1 - - \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000\\] "
                      + "\"GET /hello.txt HTTP/1.1\" 200 13"),
          lines.get(0));
      assertTrue(lines.get(1).matches(".*\"GET /missing.txt HTTP/1.1\" 404 [0-9]+"), lines.get(1));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
