package org.netlab.labs.vault.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.echo.CommandRun;

/**
 * {@code bin/vault}'s exit codes and one-line messages for answers no real server sends on purpose,
 * what it sends, and the lab channel's seam.
 */
@Timeout(30)
class VaultCommandTest {
  @TempDir Path dir;

  private static CommandRun vault(String... args) {
    return CommandRun.of(VaultCommand.commandLine(), args);
  }

  @Test
  void aTypeNotServedIs400AndRefused() throws Exception {
    try (CannedHttpServer server =
        new CannedHttpServer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) {
      CommandRun run = vault("get", server.url("/a.exe"), "-o", dir.resolve("a").toString());
      assertEquals(ExitCodes.REFUSED, run.exitCode());
      assertEquals(
          "vault get: 400 bad request: the server does not serve this type of file"
              + " (or the path is malformed)\n",
          run.err());
    }
  }

  @Test
  void theRequestIsHttp11WithHostAndNoKeepAlive() throws Exception {
    try (CannedHttpServer server =
        new CannedHttpServer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
      Path out = dir.resolve("f.txt");
      CommandRun run = vault("get", server.url("/dir/f%20g.txt?v=1"), "-o", out.toString());
      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      String request = server.requests().getFirst();
      assertTrue(request.startsWith("GET /dir/f%20g.txt?v=1 HTTP/1.1\r\n"), request);
      assertTrue(request.contains("\r\nHost: 127.0.0.1:" + server.port() + "\r\n"), request);
      assertTrue(request.contains("\r\nConnection: close\r\n"), request);
      assertFalse(request.contains("Range"), request);
    }
  }

  @Test
  void aMalformedAnswerIsNoAnswerInOneLine() throws Exception {
    try (CannedHttpServer server =
        new CannedHttpServer(
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")) {
      Path out = dir.resolve("x");
      CommandRun run = vault("get", server.url("/x"), "-o", out.toString());
      assertEquals(ExitCodes.NO_ANSWER, run.exitCode());
      assertTrue(
          run.err().startsWith("vault get: malformed answer: both Content-Length"), run.err());
      assertEquals(1, run.err().lines().count());
      assertFalse(Files.exists(out));
    }
  }

  @Test
  void aRedirectElsewhereIsNotFollowed() throws Exception {
    try (CannedHttpServer server =
        new CannedHttpServer(
            "HTTP/1.1 301 Moved\r\nLocation: http://elsewhere.example/x\r\nContent-Length: 0\r\n\r\n")) {
      CommandRun run = vault("get", server.url("/x"), "-o", dir.resolve("x").toString());
      assertEquals(ExitCodes.NO_ANSWER, run.exitCode());
      assertTrue(run.err().contains("not followed"), run.err());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void aSameOriginRedirectIsFollowedOnceOnly() throws Exception {
    try (CannedHttpServer server =
        new CannedHttpServer(
            "HTTP/1.1 301 Moved\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n")) {
      CommandRun run = vault("get", server.url("/x"), "-o", dir.resolve("x").toString());
      assertEquals(ExitCodes.NO_ANSWER, run.exitCode());
      assertEquals(2, server.requests().size());
      assertTrue(server.requests().get(1).startsWith("GET /loop HTTP/1.1"));
    }
  }

  @Test
  void aBodyShorterThanAnnouncedKeepsThePart() throws Exception {
    try (CannedHttpServer server =
        new CannedHttpServer("HTTP/1.1 200 OK\r\nETag: \"v1\"\r\nContent-Length: 10\r\n\r\nabc")) {
      Path out = dir.resolve("x.txt");
      CommandRun run = vault("get", server.url("/x.txt"), "-o", out.toString());
      assertEquals(ExitCodes.NO_ANSWER, run.exitCode());
      assertEquals("vault get: the connection closed after 3 of 10 bytes\n", run.err());
      assertEquals("abc", Files.readString(FileDownload.partOf(out)));
      assertEquals("\"v1\"\n", Files.readString(FileDownload.validatorOf(out)));
      assertFalse(Files.exists(out));
    }
    try (CannedHttpServer server =
        new CannedHttpServer(
            "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 3-9/10\r\n"
                + "Content-Length: 7\r\n\r\ndefghij")) {
      Path out = dir.resolve("x.txt");
      CommandRun run = vault("get", "-c", server.url("/x.txt"), "-o", out.toString());
      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      assertEquals("abcdefghij", Files.readString(out));
      String request = server.requests().getFirst();
      assertTrue(request.contains("\r\nRange: bytes=3-\r\n"), request);
      assertTrue(request.contains("\r\nIf-Range: \"v1\"\r\n"), request);
    }
  }

  @Test
  void aRefusedResumeLeavesTheFileWhereItWas() throws Exception {
    try (CannedHttpServer server =
        new CannedHttpServer("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")) {
      Path out = dir.resolve("x.txt");
      Files.writeString(out, "abc");
      CommandRun run = vault("get", "-c", server.url("/x.txt"), "-o", out.toString());
      assertEquals(ExitCodes.REFUSED, run.exitCode());
      assertEquals("abc", Files.readString(out));
      assertFalse(Files.exists(FileDownload.partOf(out)));
      assertTrue(server.requests().getFirst().contains("\r\nRange: bytes=3-\r\n"));
    }
  }

  @Test
  void aRangeFromElsewhereIsRefused() throws Exception {
    try (CannedHttpServer server =
        new CannedHttpServer(
            "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-9/10\r\n"
                + "Content-Length: 10\r\n\r\n0123456789")) {
      Path out = dir.resolve("x.txt");
      Files.writeString(out, "abc");
      CommandRun run = vault("get", "-c", server.url("/x.txt"), "-o", out.toString());
      assertEquals(ExitCodes.NO_ANSWER, run.exitCode());
      assertTrue(run.err().contains("asked for bytes from 3, got from 0"), run.err());
    }
  }

  @Test
  void nobodyListeningIsNoAnswer() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    CommandRun run = vault("ls", "http://127.0.0.1:" + port + "/");
    assertEquals(ExitCodes.NO_ANSWER, run.exitCode());
    assertTrue(run.err().startsWith("vault ls: cannot connect: "), run.err());
  }

  @Test
  void aUrlThatIsNotHttpIsAUsageError() {
    CommandRun run = vault("get", "ftp://localhost/x");
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertEquals("vault get: ftp://localhost/x: not an http:// or https:// URL\n", run.err());
  }

  @Test
  void theLabChannelNeedsAPin() {
    CommandRun noPin = vault("get", "--channel", "lab", "https://localhost/x.txt");
    assertEquals(ExitCodes.USAGE, noPin.exitCode());
    assertTrue(noPin.err().contains("needs --pin"), noPin.err());
  }

  @Test
  void theLabChannelSeamGetsTheHostPortKeyAndDecodedPath() throws Exception {
    List<Object> calls = new ArrayList<>();
    LabChannelFetcher recording =
        (host, port, key, path, out) -> {
          calls.addAll(List.of(host, port, new String(key, StandardCharsets.US_ASCII), path));
          out.write("from the channel".getBytes(StandardCharsets.US_ASCII));
        };
    Path out = dir.resolve("x.txt");
    CommandRun run =
        CommandRun.of(
            VaultCommand.commandLine(recording),
            "get",
            "--channel",
            "lab",
            "--pin",
            "a2V5",
            "https://localhost:9000/a%20b.txt",
            "-o",
            out.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(List.of("localhost", 9000, "key", "/a b.txt"), calls);
    assertEquals("from the channel", Files.readString(out));
  }
}
