package org.netlab.labs.vault.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.PeerProgram;
import org.netlab.labs.echo.CommandRun;
import org.netlab.labs.ftp.TestFiles;
import org.netlab.tls.LocalCertificateAuthority;

/**
 * {@code bin/vault} against Python's {@code http.server}, a plain HTTP/1.0 server with
 * Content-Length bodies, no ranges and index pages without sizes. Skipped, saying why, without
 * python3.
 */
@Timeout(60)
class VaultClientAgainstPythonTest {
  @TempDir Path dir;

  @Test
  void getLsARestartWhereRangesAreNotServedAndHttpsToAPlainServer() throws Exception {
    Path python = PeerProgram.PYTHON3.assumeInstalled();
    Path root = Files.createDirectories(dir.resolve("root"));
    Path file = TestFiles.random(root.resolve("data.bin"), 1 << 20, 5);
    Files.createDirectories(root.resolve("sub"));
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process server =
        new ProcessBuilder(
                python.toString(),
                "-m",
                "http.server",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--directory",
                root.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("python.log").toFile())
            .start();
    try {
      awaitListening(server, port);
      String base = "http://127.0.0.1:" + port;

      Path out = dir.resolve("out.bin");
      CommandRun get =
          CommandRun.of(
              VaultCommand.commandLine(), "get", base + "/data.bin", "-o", out.toString());
      assertEquals(ExitCodes.OK, get.exitCode(), get.err());
      assertEquals(TestFiles.sha256(file), TestFiles.sha256(out));

      // http.server ignores Range and answers 200: the download starts over, whole.
      Path partial = dir.resolve("again.bin");
      Files.write(partial, new byte[1000]);
      CommandRun resumed =
          CommandRun.of(
              VaultCommand.commandLine(),
              "get",
              "-c",
              base + "/data.bin",
              "-o",
              partial.toString());
      assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
      assertEquals(TestFiles.sha256(file), TestFiles.sha256(partial));

      // https:// to a plain HTTP server: one line that says which scheme to try.
      Path ca = LocalCertificateAuthority.loadOrCreate(dir.resolve("ca")).certificateFile();
      CommandRun tls =
          CommandRun.of(
              VaultCommand.commandLine(),
              "get",
              "--ca",
              ca.toString(),
              "https://127.0.0.1:" + port + "/data.bin",
              "-o",
              dir.resolve("tls.bin").toString());
      assertEquals(ExitCodes.NO_ANSWER, tls.exitCode(), tls.err());
      assertTrue(tls.err().trim().endsWith("(is it an http:// server?)"), tls.err());

      CommandRun ls = CommandRun.of(VaultCommand.commandLine(), "ls", "--long", base + "/");
      assertEquals(ExitCodes.OK, ls.exitCode(), ls.err());
      assertEquals(
          List.of("           -  data.bin", "           -  sub/"),
          ls.out().lines().sorted().toList());
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void awaitListening(Process server, int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && server.isAlive()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("python3 -m http.server did not listen on " + port);
  }
}
