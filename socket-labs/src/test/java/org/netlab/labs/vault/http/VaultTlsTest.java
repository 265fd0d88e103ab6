package org.netlab.labs.vault.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.PeerProgram;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.Pem;
import org.netlab.tls.SslContexts;
import org.netlab.tls.TlsFiles;

/** TLS by default, mutual TLS with a certificate allow-list, met by our sockets and by curl. */
@Timeout(60)
class VaultTlsTest {
  @TempDir Path dir;
  private Path root;
  private LocalCertificateAuthority ca;
  private TlsFiles serverFiles;

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(dir.resolve("vault"));
    Files.writeString(root.resolve("hello.txt"), "hello over TLS\n");
    byte[] big = new byte[3 << 20];
    new java.util.Random(3).nextBytes(big);
    Files.write(root.resolve("big.bin"), big);
    ca = LocalCertificateAuthority.loadOrCreate(dir.resolve("tls"));
    serverFiles = ca.serverFiles();
  }

  private Path[] client(String name) throws IOException {
    Path chain = dir.resolve(name + ".pem");
    Path key = dir.resolve(name + ".key");
    ca.issue(name, LocalCertificateAuthority.Purpose.CLIENT, List.of(), chain, key);
    return new Path[] {chain, key};
  }

  private VaultServer mutualServer(ClientCertificates allowed) throws IOException {
    return new VaultServer(
            VaultServer.Settings.plaintext(root)
                .withTls(
                    VaultServer.Tls.mutual(
                        serverFiles.withClientCa(ca.certificateFile()), allowed)))
        .start();
  }

  private static List<String> curl(String... args) {
    List<String> command =
        new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "20"));
    command.addAll(List.of(args));
    return command;
  }

  @Test
  void aClientTrustingTheCaGetsFilesOverTls13AndTls12() throws Exception {
    try (VaultServer server =
        new VaultServer(
                VaultServer.Settings.plaintext(root).withTls(VaultServer.Tls.of(serverFiles)))
            .start()) {
      for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
        SSLContext context = SslContexts.forClient(ca.certificateFile(), null, null);
        try (RawHttp http = RawHttp.connectTls(server.port(), context, protocol)) {
          SSLSocket socket = (SSLSocket) http.socket();
          assertEquals(protocol, socket.getSession().getProtocol());
          RawHttp.Reply reply = http.send(RawHttp.get("/hello.txt")).read();
          assertEquals("hello over TLS\n", reply.text());
          assertEquals(3 << 20, http.send(RawHttp.get("/big.bin")).read().body().length);
        }
      }
      try (RawHttp plain = RawHttp.connect(server.port())) {
        plain.send(RawHttp.get("/hello.txt"));
        assertThrows(IOException.class, plain::read, "plain HTTP to a TLS port gets no answer");
      }
    }
  }

  @Test
  void aClientThatNeverFinishesItsHandshakeIsClosedAtTheHeadTimeout() throws Exception {
    try (VaultServer server =
            new VaultServer(
                    VaultServer.Settings.plaintext(root)
                        .withTls(VaultServer.Tls.of(serverFiles))
                        .withTimeouts(
                            java.time.Duration.ofSeconds(1),
                            java.time.Duration.ofSeconds(30),
                            java.time.Duration.ofSeconds(30)))
                .start();
        RawHttp silent = RawHttp.connect(server.port())) {
      silent.send(new byte[] {0x16, 0x03, 0x01});
      long start = System.nanoTime();
      assertTrue(silent.closedWithin(5000), "still open");
      assertTrue(System.nanoTime() - start < 3_000_000_000L);
      SSLContext context = SslContexts.forClient(ca.certificateFile(), null, null);
      try (RawHttp http = RawHttp.connectTls(server.port(), context)) {
        assertEquals(200, http.send(RawHttp.get("/hello.txt")).read().status());
      }
    }
  }

  @Test
  void curlFetchesOverHttpsWithTheCaAndRangesWork() throws Exception {
    PeerProgram.CURL.assumeInstalled();
    try (VaultServer server =
        new VaultServer(
                VaultServer.Settings.plaintext(root).withTls(VaultServer.Tls.of(serverFiles)))
            .start()) {
      String url = "https://localhost:" + server.port();
      String caFile = ca.certificateFile().toString();
      ProgramRun get = ProgramRun.of(curl("--cacert", caFile, url + "/hello.txt"));
      assertEquals(0, get.exit(), get.out());
      assertEquals("hello over TLS\n", get.out());
      ProgramRun range = ProgramRun.of(curl("--cacert", caFile, "-r", "6-9", url + "/hello.txt"));
      assertEquals("over", range.out());
      ProgramRun untrusted = ProgramRun.of(curl(url + "/hello.txt"));
      assertEquals(60, untrusted.exit(), "curl: peer certificate cannot be authenticated");
      ProgramRun tls12 =
          ProgramRun.of(
              curl(
                  "--cacert",
                  caFile,
                  "--tls-max",
                  "1.2",
                  "-w",
                  "%{http_code}",
                  "-o",
                  "/dev/null",
                  url + "/hello.txt"));
      assertEquals("200", tls12.out());
    }
  }

  @Test
  void mutualTlsAllowsListedNamesAndFingerprintsAnd403sTheRest() throws Exception {
    Path[] alice = client("alice");
    Path[] bob = client("bob");
    Path[] carol = client("carol");
    X509Certificate carolCert = Pem.readCertificates(carol[0]).get(0);
    ClientCertificates allowed =
        new ClientCertificates(Set.of("alice"), Set.of(ClientCertificates.fingerprint(carolCert)));
    try (VaultServer server = mutualServer(allowed)) {
      for (Path[] who : List.of(alice, carol)) {
        SSLContext context = SslContexts.forClient(ca.certificateFile(), who[0], who[1]);
        try (RawHttp http = RawHttp.connectTls(server.port(), context)) {
          assertEquals(200, http.send(RawHttp.get("/hello.txt")).read().status());
        }
      }
      SSLContext bobContext = SslContexts.forClient(ca.certificateFile(), bob[0], bob[1]);
      try (RawHttp http = RawHttp.connectTls(server.port(), bobContext)) {
        RawHttp.Reply reply = http.send(RawHttp.get("/hello.txt")).read();
        assertEquals(403, reply.status());
        assertTrue(reply.closes());
      }
      SSLContext anonymous = SslContexts.forClient(ca.certificateFile(), null, null);
      assertThrows(
          IOException.class,
          () -> {
            try (RawHttp http = RawHttp.connectTls(server.port(), anonymous)) {
              http.send(RawHttp.get("/hello.txt")).read();
            }
          },
          "no certificate, no request");
    }
  }

  @Test
  void curlWithAClientCertificate() throws Exception {
    PeerProgram.CURL.assumeInstalled();
    Path[] alice = client("alice");
    Path[] mallory = client("mallory");
    try (VaultServer server = mutualServer(new ClientCertificates(Set.of("alice"), Set.of()))) {
      String url = "https://localhost:" + server.port() + "/hello.txt";
      String caFile = ca.certificateFile().toString();
      ProgramRun ok =
          ProgramRun.of(
              curl(
                  "--cacert",
                  caFile,
                  "--cert",
                  alice[0].toString(),
                  "--key",
                  alice[1].toString(),
                  url));
      assertEquals(0, ok.exit(), ok.out());
      assertEquals("hello over TLS\n", ok.out());
      ProgramRun refused =
          ProgramRun.of(
              curl(
                  "--cacert",
                  caFile,
                  "--cert",
                  mallory[0].toString(),
                  "--key",
                  mallory[1].toString(),
                  "-w",
                  "%{http_code}",
                  "-o",
                  "/dev/null",
                  url));
      assertEquals("403", refused.out());
      ProgramRun none = ProgramRun.of(curl("--cacert", caFile, url));
      assertNotEquals(0, none.exit(), "without a certificate the handshake fails: " + none.out());
    }
  }

  @Test
  void theAllowListFileTakesNamesAndFingerprints() throws Exception {
    Path[] carol = client("carol");
    String fingerprint =
        ClientCertificates.fingerprint(Pem.readCertificates(carol[0]).get(0)).toUpperCase();
    StringBuilder colons = new StringBuilder();
    for (int i = 0; i < fingerprint.length(); i += 2) {
      colons.append(i == 0 ? "" : ":").append(fingerprint, i, i + 2);
    }
    Path file = dir.resolve("allowed");
    Files.writeString(file, "# who may read\nalice\n\n" + colons + "\n");
    ClientCertificates read = ClientCertificates.read(file);
    assertEquals(Set.of("alice"), read.commonNames());
    assertTrue(read.allows(Pem.readCertificates(carol[0]).get(0)));
    Files.writeString(file, "# nobody\n");
    assertThrows(
        org.netlab.labs.cli.InvalidFileException.class, () -> ClientCertificates.read(file));
  }
}
