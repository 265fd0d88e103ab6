package org.netlab.labs.vault.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.echo.CommandRun;
import org.netlab.labs.ftp.TestFiles;
import org.netlab.tls.LocalCertificateAuthority;

/**
 * {@code bin/vault} against nginx, an HTTP/1.1 server written by others, serving a temporary
 * directory in plain HTTP, in HTTPS with a certificate from the project's CA, and in HTTPS that
 * requires a client certificate. Skipped, saying why, when nginx is not installed.
 */
@Timeout(60)
class VaultClientAgainstNginxTest {
  private static final int SIZE = 3 << 20;

  @TempDir Path dir;
  private Path root;
  private Path file;
  private NginxServer nginx;

  @BeforeEach
  void serveADirectory() throws Exception {
    root = Files.createDirectories(dir.resolve("root"));
    file = TestFiles.random(root.resolve("data.bin"), SIZE, 11);
    Files.writeString(root.resolve("notes.txt"), "vault notes\n");
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("docs/a b.txt"), "spaced\n");
    Files.createDirectories(root.resolve("secret"));
    Files.writeString(root.resolve("secret/key.txt"), "nobody reads this\n");
    nginx = NginxServer.start(root, Files.createDirectories(dir.resolve("nginx")));
  }

  @AfterEach
  void stop() throws Exception {
    if (nginx != null) {
      nginx.close();
    }
  }

  private static CommandRun vault(String... args) {
    return CommandRun.of(VaultCommand.commandLine(), args);
  }

  @Test
  void getOverPlainHttpSavesTheFileWhole() throws Exception {
    Path out = dir.resolve("out.bin");
    CommandRun run = vault("get", nginx.url("/data.bin"), "-o", out.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(TestFiles.sha256(file), TestFiles.sha256(out));
    assertFalse(Files.exists(FileDownload.partOf(out)), "the part is renamed");
    assertFalse(Files.exists(FileDownload.validatorOf(out)), "the ETag file is removed");
  }

  @Test
  void getOverHttpsTrustsTheGivenCaAndSavesTheFileWhole() throws Exception {
    Path out = dir.resolve("out.bin");
    CommandRun run =
        vault(
            "get",
            "--ca",
            nginx.caFile().toString(),
            nginx.tlsUrl("/data.bin"),
            "-o",
            out.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(TestFiles.sha256(file), TestFiles.sha256(out));
  }

  @Test
  void getOverHttpsRefusesAServerItsCaDidNotIssue() throws Exception {
    Path otherCa =
        LocalCertificateAuthority.loadOrCreate(dir.resolve("other-ca")).certificateFile();
    Path out = dir.resolve("out.bin");
    CommandRun run =
        vault("get", "--ca", otherCa.toString(), nginx.tlsUrl("/data.bin"), "-o", out.toString());
    assertEquals(ExitCodes.NO_ANSWER, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("vault get: TLS with localhost:"), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void mutualTlsPresentsTheClientCertificate() throws Exception {
    Path chain = dir.resolve("student.pem");
    Path key = dir.resolve("student.key");
    nginx.ca().issue("student", LocalCertificateAuthority.Purpose.CLIENT, List.of(), chain, key);
    Path out = dir.resolve("notes.txt");
    String ca = nginx.caFile().toString();
    CommandRun with =
        vault(
            "get",
            "--ca",
            ca,
            "--cert",
            chain.toString(),
            "--key",
            key.toString(),
            nginx.mutualTlsUrl("/notes.txt"),
            "-o",
            out.toString());
    assertEquals(ExitCodes.OK, with.exitCode(), with.err());
    assertEquals("vault notes\n", Files.readString(out));
    CommandRun without =
        vault(
            "get", "--ca", ca, nginx.mutualTlsUrl("/notes.txt"), "-o", dir.resolve("x").toString());
    // nginx answers a missing client certificate with 400 rather than ending the handshake.
    assertEquals(ExitCodes.REFUSED, without.exitCode(), without.err());
  }

  @Test
  void resumeAfterACutFetchesTheRestAndTheFileIsWhole() throws Exception {
    Path out = dir.resolve("out.bin");
    try (CuttingProxy cut = new CuttingProxy(nginx.port(), SIZE / 3)) {
      CommandRun first =
          vault("get", "http://127.0.0.1:" + cut.port() + "/data.bin", "-o", out.toString());
      assertEquals(ExitCodes.NO_ANSWER, first.exitCode(), first.err());
      assertTrue(first.err().contains("the connection closed after"), first.err());
    }
    Path part = FileDownload.partOf(out);
    long kept = Files.size(part);
    assertTrue(kept > 0 && kept < SIZE, "a part of the file is kept: " + kept);
    assertFalse(Files.exists(out), "no whole-looking file after a cut");
    assertTrue(Files.readString(FileDownload.validatorOf(out)).startsWith("\""));

    CommandRun resumed = vault("get", "-c", nginx.url("/data.bin"), "-o", out.toString());
    assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
    assertEquals(TestFiles.sha256(file), TestFiles.sha256(out));
    assertFalse(Files.exists(part));
  }

  @Test
  void continueOnAPartialFileAsksOnlyForTheRest() throws Exception {
    // The local part is marked (zeros): had the client fetched it again, the mark would be gone.
    Path out = dir.resolve("out.bin");
    Files.write(out, new byte[400_000]);
    CommandRun run = vault("get", "-c", nginx.url("/data.bin"), "-o", out.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    byte[] expected = Files.readAllBytes(file);
    Arrays.fill(expected, 0, 400_000, (byte) 0);
    assertArrayEquals(expected, Files.readAllBytes(out));
  }

  @Test
  void continueWithTheSameEtagAppendsAndWithAnotherStartsOver() throws Exception {
    String etag;
    VaultHttpClient client =
        new VaultHttpClient(new ClientTls(nginx.caFile(), null, null), Duration.ofSeconds(10));
    try (Response response = client.get(VaultUrl.parse(nginx.url("/data.bin")), List.of())) {
      etag = response.head().fields().first("ETag").orElseThrow();
    }
    Path out = dir.resolve("out.bin");
    Files.write(FileDownload.partOf(out), new byte[100_000]);
    Files.writeString(FileDownload.validatorOf(out), etag + "\n");
    CommandRun same = vault("get", "-c", nginx.url("/data.bin"), "-o", out.toString());
    assertEquals(ExitCodes.OK, same.exitCode(), same.err());
    byte[] marked = Files.readAllBytes(file);
    Arrays.fill(marked, 0, 100_000, (byte) 0);
    assertArrayEquals(marked, Files.readAllBytes(out), "206: the rest was appended");

    Files.delete(out);
    Files.write(FileDownload.partOf(out), new byte[100_000]);
    Files.writeString(FileDownload.validatorOf(out), "\"changed-since\"\n");
    CommandRun other = vault("get", "-c", nginx.url("/data.bin"), "-o", out.toString());
    assertEquals(ExitCodes.OK, other.exitCode(), other.err());
    assertEquals(TestFiles.sha256(file), TestFiles.sha256(out), "200: the whole file again");
  }

  @Test
  void continueOnAWholeFileChangesNothing() throws Exception {
    Path out = dir.resolve("out.bin");
    Files.copy(file, out);
    CommandRun run = vault("get", "-c", nginx.url("/data.bin"), "-o", out.toString());
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(TestFiles.sha256(file), TestFiles.sha256(out));
  }

  @Test
  void anExistingFileIsNotReplacedWithoutForce() throws Exception {
    Path out = dir.resolve("notes.txt");
    Files.writeString(out, "mine");
    CommandRun refused = vault("get", nginx.url("/notes.txt"), "-o", out.toString());
    assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.err());
    assertTrue(refused.err().contains("exists: give --force"), refused.err());
    assertEquals("mine", Files.readString(out));
    CommandRun forced = vault("get", "--force", nginx.url("/notes.txt"), "-o", out.toString());
    assertEquals(ExitCodes.OK, forced.exitCode(), forced.err());
    assertEquals("vault notes\n", Files.readString(out));
  }

  @Test
  void missingIs404AndRefusedInOneLine() throws Exception {
    Path out = dir.resolve("none.txt");
    CommandRun run = vault("get", nginx.url("/none.txt"), "-o", out.toString());
    assertEquals(ExitCodes.REFUSED, run.exitCode());
    assertEquals("vault get: 404 not found: /none.txt\n", run.err());
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(FileDownload.partOf(out)));
  }

  @Test
  void deniedIs403AndRefusedInOneLine() throws Exception {
    CommandRun run = vault("get", nginx.url("/secret/key.txt"), "-o", dir.resolve("k").toString());
    assertEquals(ExitCodes.REFUSED, run.exitCode());
    assertEquals(
        "vault get: 403 forbidden: this client is not on the server's allow-list\n", run.err());
  }

  @Test
  void lsListsTheAutoindexOneNamePerLine() {
    CommandRun run = vault("ls", nginx.url("/"));
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(
        List.of("data.bin", "docs/", "notes.txt", "secret/"), run.out().lines().sorted().toList());
  }

  @Test
  void lsLongGivesTheSizesNginxPrints() {
    CommandRun run = vault("ls", "--long", nginx.url("/"));
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertTrue(run.out().contains(SIZE + "  data.bin\n"), run.out());
    assertTrue(run.out().contains("12  notes.txt\n"), run.out());
    assertTrue(run.out().contains("-  docs/\n"), run.out());
  }

  @Test
  void lsFollowsTheRedirectToTheSlashOnceAndDecodesNames() throws Exception {
    CommandRun run = vault("ls", "--ca", nginx.caFile().toString(), nginx.tlsUrl("/docs"));
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals("a b.txt\n", run.out());
    Path out = dir.resolve("spaced.txt");
    CommandRun get = vault("get", nginx.url("/docs/a b.txt"), "-o", out.toString());
    assertEquals(ExitCodes.OK, get.exitCode(), get.err());
    assertEquals("spaced\n", Files.readString(out));
  }
}
