package org.netlab.labs.vault.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.PeerProgram;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.TlsFiles;

/**
 * Two more clients nobody here wrote, over HTTPS: wget resuming a cut download with a range
 * request, and a headless Chromium showing the index page and a file. Skipped, with a message, when
 * the program is not installed.
 */
@Timeout(120)
class VaultBrowserAndWgetTest {
  @TempDir Path dir;
  private Path root;
  private byte[] data;
  private Path caFile;
  private TlsFiles serverFiles;
  private Path accessLogFile;
  private AccessLog accessLog;
  private VaultServer server;

  @BeforeEach
  void start() throws IOException {
    root = Files.createDirectories(dir.resolve("vault"));
    data = new byte[3 << 20];
    new Random(5).nextBytes(data);
    Files.write(root.resolve("data.bin"), data);
    Files.writeString(root.resolve("hello.txt"), "hello from the vault\n");
    LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(dir.resolve("tls"));
    caFile = ca.certificateFile();
    serverFiles = ca.serverFiles();
    accessLogFile = dir.resolve("access.log");
    accessLog = AccessLog.toFile(accessLogFile);
    server =
        new VaultServer(
                VaultServer.Settings.plaintext(root)
                    .withTls(VaultServer.Tls.of(serverFiles))
                    .withAccessLog(accessLog))
            .start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    accessLog.close();
  }

  private String url(String path) {
    return "https://127.0.0.1:" + server.port() + path;
  }

  @Test
  void wgetResumesACutDownloadWithARangeRequest() throws Exception {
    PeerProgram.WGET.assumeInstalled();
    Path downloads = Files.createDirectories(dir.resolve("downloads"));
    // What a cut transfer leaves: the first third of the file.
    Files.write(downloads.resolve("data.bin"), Arrays.copyOf(data, data.length / 3));
    ProgramRun wget =
        ProgramRun.in(
            downloads,
            List.of(
                "wget", "-q", "-c", "--ca-certificate=" + caFile, "--tries=1", url("/data.bin")));
    assertEquals(0, wget.exit(), wget.out());
    assertArrayEquals(data, Files.readAllBytes(downloads.resolve("data.bin")));
    accessLog.close();
    String log = Files.readString(accessLogFile, UTF_8);
    assertTrue(
        log.contains("\"GET /data.bin HTTP/1.1\" 206 " + (data.length - data.length / 3)), log);
  }

  @Test
  void headlessChromiumShowsTheIndexAndAFileOverHttps() throws Exception {
    PeerProgram.CHROMIUM.assumeInstalled();
    // Chromium trusts the server's key by its hash: its own store does not hold our CA.
    String spki = spkiHash(serverFiles.chain());
    List<String> chromium =
        new ArrayList<>(
            List.of(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--user-data-dir=" + dir.resolve("chromium-profile"),
                "--ignore-certificate-errors-spki-list=" + spki,
                "--dump-dom"));
    List<String> index = new ArrayList<>(chromium);
    index.add(url("/"));
    ProgramRun page = ProgramRun.in(dir, index);
    assertEquals(0, page.exit(), page.out());
    assertTrue(page.out().contains("hello.txt"), page.out());
    assertTrue(page.out().contains("data.bin"), page.out());

    List<String> file = new ArrayList<>(chromium);
    file.add(url("/hello.txt"));
    ProgramRun text = ProgramRun.in(dir, file);
    assertEquals(0, text.exit(), text.out());
    assertTrue(text.out().contains("hello from the vault"), text.out());
  }

  /** The base64 SHA-256 of the leaf certificate's public key, as Chromium's flag wants it. */
  private static String spkiHash(Path chain) throws Exception {
    try (InputStream in = Files.newInputStream(chain)) {
      X509Certificate leaf =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf.getPublicKey().getEncoded());
      return Base64.getEncoder().encodeToString(digest);
    }
  }
}
