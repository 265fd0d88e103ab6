package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.PeerProgram;
import org.netlab.labs.ftp.FtpTestServer;
import org.netlab.labs.ftp.TestFiles;

/**
 * Clients nobody here wrote: curl (libcurl's FTP and FTPS) and Python's standard-library ftplib.
 * Skipped, with a message, when the tool is not installed.
 */
@Timeout(60)
class IndependentClientsTest {
  @TempDir Path dir;

  private record Run(int exit, String out) {}

  private static Run run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish");
    }
    return new Run(process.exitValue(), new String(out, UTF_8));
  }

  private static List<String> curl(String... args) {
    List<String> command =
        new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "20"));
    command.addAll(List.of(args));
    return command;
  }

  @Test
  void curlListsDownloadsAndUploads() throws Exception {
    PeerProgram.CURL.assumeInstalled();
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.anonymous(true, true))) {
      Path file = TestFiles.random(server.root().resolve("pub/data.bin"), 2 << 20, 3);
      Run list = run(curl(server.url("/pub/")));
      assertEquals(0, list.exit(), list.out());
      assertTrue(list.out().matches("(?s)-rw.* 2097152 .* data\\.bin\\s*"), list.out());

      Path got = dir.resolve("got.bin");
      Run get = run(curl("-o", got.toString(), server.url("/pub/data.bin")));
      assertEquals(0, get.exit(), get.out());
      assertEquals(TestFiles.sha256(file), TestFiles.sha256(got));

      Run put = run(curl("-T", got.toString(), server.url("/pub/copy.bin")));
      assertEquals(0, put.exit(), put.out());
      assertEquals(TestFiles.sha256(file), TestFiles.sha256(server.root().resolve("pub/copy.bin")));

      Run missing = run(curl("-o", dir.resolve("x").toString(), server.url("/secret")));
      assertEquals(78, missing.exit(), "curl's 'remote file not found'; " + missing.out());
    }
  }

  @Test
  void curlSpeaksExplicitFtpsTrustingTheCa() throws Exception {
    PeerProgram.CURL.assumeInstalled();
    try (FtpTestServer server =
        FtpTestServer.start(dir, b -> b.anonymous(true, true).tls(b.build().tls(), true))) {
      Path file = TestFiles.random(server.root().resolve("data.bin"), 1 << 20, 4);
      String url = "ftp://localhost:" + server.port();
      String ca = server.caFile().toString();

      Run list = run(curl("--ssl-reqd", "--cacert", ca, url + "/"));
      assertEquals(0, list.exit(), list.out());
      assertTrue(list.out().contains("data.bin"), list.out());

      Path got = dir.resolve("got.bin");
      Run get = run(curl("--ssl-reqd", "--cacert", ca, "-o", got.toString(), url + "/data.bin"));
      assertEquals(0, get.exit(), get.out());
      assertEquals(TestFiles.sha256(file), TestFiles.sha256(got));

      Run put = run(curl("--ssl-reqd", "--cacert", ca, "-T", got.toString(), url + "/up.bin"));
      assertEquals(0, put.exit(), put.out());
      assertEquals(TestFiles.sha256(file), TestFiles.sha256(server.root().resolve("up.bin")));

      Run plain = run(curl(url + "/"));
      assertTrue(plain.exit() != 0, "a clear login is refused: " + plain.out());
    }
  }

  @Test
  void pythonFtplibWorksPlainAndOverTls() throws Exception {
    Path python3 = PeerProgram.PYTHON3.assumeInstalled();
    Path script = Path.of("src/test/python/ftplib_check.py").toAbsolutePath();
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.anonymous(true, true))) {
      Path file = TestFiles.random(server.root().resolve("pub/data.bin"), 1 << 20, 6);
      Run python =
          run(
              List.of(
                  python3.toString(),
                  script.toString(),
                  "localhost",
                  Integer.toString(server.port()),
                  server.caFile().toString(),
                  TestFiles.sha256(file)));
      assertEquals(0, python.exit(), python.out());
      assertEquals("plain ok\ntls ok\ntls without session reuse refused\n", python.out());
    }
  }
}
