package org.netlab.labs.vault.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.PeerProgram;
import org.netlab.tls.LocalCertificateAuthority;

/**
 * Clients nobody here wrote: curl and Python's http.client, plain and over TLS. Skipped, with a
 * message, when the program is not installed.
 */
@Timeout(60)
class VaultIndependentClientsTest {
  @TempDir Path dir;
  private Path root;
  private byte[] data;
  private VaultServer plain;
  private VaultServer tls;
  private Path caFile;

  @BeforeEach
  void start() throws IOException {
    root = Files.createDirectories(dir.resolve("vault"));
    data = new byte[5 << 20];
    new Random(11).nextBytes(data);
    Files.write(root.resolve("data.bin"), data);
    Files.writeString(root.resolve("hello.txt"), "hello, vault\n");
    Files.setLastModifiedTime(
        root.resolve("hello.txt"), FileTime.from(Instant.parse("2026-11-30T10:00:00Z")));
    Files.writeString(root.resolve("secret.key"), "no");
    LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(dir.resolve("tls"));
    caFile = ca.certificateFile();
    plain = new VaultServer(VaultServer.Settings.plaintext(root)).start();
    tls =
        new VaultServer(
                VaultServer.Settings.plaintext(root).withTls(VaultServer.Tls.of(ca.serverFiles())))
            .start();
  }

  @AfterEach
  void stop() {
    plain.close();
    tls.close();
  }

  private static List<String> curl(String... args) {
    List<String> command =
        new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "20"));
    command.addAll(List.of(args));
    return command;
  }

  private String url(String path) {
    return "http://127.0.0.1:" + plain.port() + path;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void curlDownloadsRangesAndHeads() throws Exception {
    PeerProgram.CURL.assumeInstalled();
    Path got = dir.resolve("got.bin");
    ProgramRun get = ProgramRun.of(curl("-o", got.toString(), url("/data.bin")));
    assertEquals(0, get.exit(), get.out());
    assertEquals(sha256(data), sha256(Files.readAllBytes(got)));

    ProgramRun range = ProgramRun.of(curl("-r", "100-199", "-o", got.toString(), url("/data.bin")));
    assertEquals(0, range.exit(), range.out());
    assertEquals(
        sha256(java.util.Arrays.copyOfRange(data, 100, 200)), sha256(Files.readAllBytes(got)));

    ProgramRun head = ProgramRun.of(curl("-I", url("/data.bin")));
    assertTrue(head.out().startsWith("HTTP/1.1 200 OK\r\n"), head.out());
    assertTrue(head.out().contains("Content-Length: " + data.length + "\r\n"), head.out());

    ProgramRun codes =
        ProgramRun.of(
            curl(
                "-w",
                "%{http_code} ",
                "-o",
                "/dev/null",
                url("/missing.txt"),
                "-o",
                "/dev/null",
                url("/secret.key"),
                "-o",
                "/dev/null",
                url("/hello.txt")));
    assertEquals("404 400 200 ", codes.out());
  }

  @Test
  void curlConditionalRequestsGet304() throws Exception {
    PeerProgram.CURL.assumeInstalled();
    ProgramRun since =
        ProgramRun.of(
            curl(
                "-z",
                "Mon, 30 Nov 2026 10:00:00 GMT",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                url("/hello.txt")));
    assertEquals("304", since.out());
    ProgramRun newer =
        ProgramRun.of(curl("-z", "Mon, 30 Nov 2026 09:00:00 GMT", url("/hello.txt")));
    assertEquals("hello, vault\n", newer.out());

    ProgramRun first = ProgramRun.of(curl("-D", "-", "-o", "/dev/null", url("/hello.txt")));
    String etag =
        first
            .out()
            .lines()
            .filter(l -> l.startsWith("ETag: "))
            .findFirst()
            .orElseThrow()
            .substring(6)
            .strip();
    ProgramRun match =
        ProgramRun.of(
            curl(
                "-H",
                "If-None-Match: " + etag,
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                url("/hello.txt")));
    assertEquals("304", match.out());
  }

  @Test
  void curlReusesOneConnectionAcrossNext() throws Exception {
    PeerProgram.CURL.assumeInstalled();
    ProgramRun both =
        ProgramRun.of(
            curl(
                "-w",
                "%{num_connects}\n",
                url("/hello.txt"),
                "--next",
                "--silent",
                "-w",
                "%{num_connects}\n",
                url("/hello.txt")));
    assertEquals("hello, vault\n1\nhello, vault\n0\n", both.out(), "the second reused the first");
  }

  @Test
  void pythonHttpClientPlainAndOverTls() throws Exception {
    Path python3 = PeerProgram.PYTHON3.assumeInstalled();
    Path script = Path.of("src/test/python/vault_http_check.py").toAbsolutePath();
    ProgramRun python =
        ProgramRun.of(
            List.of(
                python3.toString(),
                script.toString(),
                "localhost",
                Integer.toString(plain.port()),
                Integer.toString(tls.port()),
                caFile.toString(),
                sha256(data)));
    assertEquals(0, python.exit(), python.out());
    assertEquals("plain ok\ntls ok\n", python.out());
  }
}
