package org.netlab.labs.ftp.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.ftp.FtpTestServer;
import org.netlab.labs.ftp.TestFiles;
import picocli.CommandLine;

/** {@code bin/ftp} one-shot commands against our server: output, files and exit codes. */
@Timeout(30)
class FtpClientCommandTest {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private static Result ftp(String... args) {
    CommandLine cli = FtpClientCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void getDownloadsToTheOutputFile() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      Path file = TestFiles.random(server.root().resolve("pub/data.bin"), 1 << 20, 1);
      Path out = dir.resolve("out.bin");
      Result r = ftp("get", server.url("/pub/data.bin"), "-o", out.toString());
      assertEquals(0, r.exit(), r.err());
      assertEquals(TestFiles.sha256(file), TestFiles.sha256(out));
    }
  }

  @Test
  void getWithContinueFetchesOnlyTheMissingPart() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      Path file = TestFiles.random(server.root().resolve("data.bin"), 1 << 20, 2);
      Path out = dir.resolve("out.bin");
      byte[] all = Files.readAllBytes(file);
      // The local part is marked (zeros): fetching it again would overwrite the mark.
      Files.write(out, new byte[400_000]);
      Result r = ftp("get", "-c", server.url("/data.bin"), "-o", out.toString());
      assertEquals(0, r.exit(), r.err());
      byte[] expected = all.clone();
      Arrays.fill(expected, 0, 400_000, (byte) 0);
      assertArrayEquals(expected, Files.readAllBytes(out));
    }
  }

  @Test
  void putUploadsIntoADirectoryKeepingTheName() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.anonymous(true, true))) {
      Files.createDirectories(server.root().resolve("in"));
      Path local = TestFiles.random(dir.resolve("report.bin"), 100_000, 3);
      Result r = ftp("put", local.toString(), server.url("/in/"));
      assertEquals(0, r.exit(), r.err());
      assertEquals(
          TestFiles.sha256(local), TestFiles.sha256(server.root().resolve("in/report.bin")));
    }
  }

  @Test
  void lsPrintsTheListingAndNamesWithDashOne() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      Files.writeString(server.root().resolve("a.txt"), "a");
      Files.createDirectories(server.root().resolve("b"));
      Result names = ftp("ls", "-1", server.url("/"));
      assertEquals(0, names.exit(), names.err());
      assertEquals("a.txt\nb\n", names.out().replace("\r\n", "\n"));
      Result longForm = ftp("ls", server.url("/"));
      assertTrue(longForm.out().contains("drwx"), longForm.out());
    }
  }

  @Test
  void tlsWithTheCaWorksAndTheDataIsProtected() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.tls(b.build().tls(), true))) {
      Files.writeString(server.root().resolve("a.txt"), "secure");
      Path out = dir.resolve("a.txt");
      Result r =
          ftp(
              "get",
              "--tls",
              "--ca",
              server.caFile().toString(),
              "ftp://localhost:" + server.port() + "/a.txt",
              "-o",
              out.toString());
      assertEquals(0, r.exit(), r.err());
      assertEquals("secure", Files.readString(out));
      Result clear = ftp("ls", "ftp://localhost:" + server.port() + "/");
      assertEquals(ExitCodes.REFUSED, clear.exit(), "a server requiring TLS refuses");
    }
  }

  @Test
  void tlsUploadAndDownloadOfMegabytesArriveIntact() throws IOException {
    try (FtpTestServer server =
        FtpTestServer.start(dir, b -> b.anonymous(true, true).tls(b.build().tls(), true))) {
      Path file = TestFiles.random(dir.resolve("up.bin"), 5 << 20, 7);
      String url = "ftp://localhost:" + server.port();
      String ca = server.caFile().toString();
      Result put = ftp("put", "--tls", "--ca", ca, file.toString(), url + "/");
      assertEquals(0, put.exit(), put.err());
      assertEquals(TestFiles.sha256(file), TestFiles.sha256(server.root().resolve("up.bin")));
      Path back = dir.resolve("back.bin");
      Result get = ftp("get", "--tls", "--ca", ca, url + "/up.bin", "-o", back.toString());
      assertEquals(0, get.exit(), get.err());
      assertEquals(TestFiles.sha256(file), TestFiles.sha256(back));
    }
  }

  @Test
  void aRefusalExitsWithOneAndSaysWhy() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      Result r = ftp("get", server.url("/secret"), "-o", dir.resolve("x").toString());
      assertEquals(ExitCodes.REFUSED, r.exit());
      assertEquals("ftp get: 550 /secret: no such file or directory\n", r.err());
      assertFalse(Files.exists(dir.resolve("x")), "no empty file left behind");
      Result readOnly =
          ftp("put", Files.writeString(dir.resolve("f"), "x").toString(), server.url("/"));
      assertEquals(ExitCodes.REFUSED, readOnly.exit());
      assertTrue(readOnly.err().startsWith("ftp put: 550 "), readOnly.err());
    }
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(ExitCodes.USAGE, ftp("get").exit());
    assertEquals(ExitCodes.USAGE, ftp("get", "http://example.org/x").exit());
    assertEquals(ExitCodes.USAGE, ftp("get", "ftp://127.0.0.1:2121/dir/").exit());
    assertEquals(ExitCodes.USAGE, ftp("frobnicate").exit());
  }

  @Test
  void anUnreachableServerExitsWithThree() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Result r = ftp("ls", "ftp://127.0.0.1:" + closedPort + "/");
    assertEquals(ExitCodes.NO_ANSWER, r.exit());
    assertTrue(r.err().startsWith("ftp ls: cannot connect"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void anFtpsUrlListsOverTlsWithoutTheTlsOption() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.tls(b.build().tls(), true))) {
      Files.writeString(server.root().resolve("a.txt"), "secure");
      Result r =
          ftp(
              "ls",
              "-1",
              "--ca",
              server.caFile().toString(),
              "ftps://localhost:" + server.port() + "/");
      assertEquals(0, r.exit(), r.err());
      assertEquals("a.txt\n", r.out());
    }
  }
}
