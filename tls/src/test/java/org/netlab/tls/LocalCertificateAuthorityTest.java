package org.netlab.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LocalCertificateAuthorityTest {
  @TempDir Path dir;

  @Test
  void secondLoadReusesTheSameCaAndServerCertificate() throws IOException {
    LocalCertificateAuthority first = LocalCertificateAuthority.loadOrCreate(dir);
    TlsFiles files = first.serverFiles();
    String chain = Files.readString(files.chain());

    LocalCertificateAuthority second = LocalCertificateAuthority.loadOrCreate(dir);
    assertEquals(first.certificate(), second.certificate());
    assertEquals(chain, Files.readString(second.serverFiles().chain()));
  }

  @Test
  void privateKeysAreReadableByTheOwnerOnly() throws IOException {
    TlsFiles files = LocalCertificateAuthority.loadOrCreate(dir).serverFiles();
    Set<PosixFilePermission> ownerOnly =
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertEquals(ownerOnly, Files.getPosixFilePermissions(files.key()));
    assertEquals(
        ownerOnly, Files.getPosixFilePermissions(dir.resolve(LocalCertificateAuthority.CA_KEY)));
  }

  @Test
  void serverCertificateChainsToTheCaAndNamesTheLoopbackAddresses() throws Exception {
    LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(dir);
    List<X509Certificate> chain = Pem.readCertificates(ca.serverFiles().chain());
    X509Certificate leaf = chain.get(0);
    leaf.verify(ca.certificate().getPublicKey());
    List<String> names =
        leaf.getSubjectAlternativeNames().stream().map(name -> (String) name.get(1)).toList();
    assertTrue(names.contains("localhost"), names::toString);
    assertTrue(names.contains("127.0.0.1"), names::toString);
    assertTrue(names.stream().anyMatch(n -> n.startsWith("0:0:0:0:0:0:0:1")), names::toString);
    assertEquals(-1, leaf.getBasicConstraints());
  }

  @Test
  void contextsBuildFromTheGeneratedFiles() throws IOException {
    LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(dir);
    TlsFiles server = ca.serverFiles();
    Path clientChain = dir.resolve("client.pem");
    Path clientKey = dir.resolve("client.key");
    ca.issue("alice", LocalCertificateAuthority.Purpose.CLIENT, List.of(), clientChain, clientKey);

    SSLContext serverContext = SslContexts.forServer(server.withClientCa(ca.certificateFile()));
    SSLContext clientContext = SslContexts.forClient(ca.certificateFile(), clientChain, clientKey);
    assertNotNull(serverContext.getServerSocketFactory());
    assertNotNull(clientContext.getSocketFactory());
  }

  @Test
  void fileWithoutCertificateIsAClearError() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "not pem");
    IOException error = assertThrows(IOException.class, () -> Pem.readCertificates(empty));
    assertTrue(error.getMessage().contains("no PEM certificate found"), error.getMessage());
  }

  @Test
  void theTlsDirectoryAndEveryFileInItAreOwnerOnly() throws IOException {
    Path tls = dir.resolve("data/tls");
    LocalCertificateAuthority.loadOrCreate(tls).serverFiles();
    assertEquals("rwx------", permissions(dir.resolve("data")));
    assertEquals("rwx------", permissions(tls));
    try (var files = Files.list(tls)) {
      for (Path file : files.toList()) {
        assertEquals("rw-------", permissions(file), file::toString);
      }
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void threadsStartingAtOnceOnAFreshDirectoryAgreeOnOneCa() throws Exception {
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 10; round++) {
        Path fresh = dir.resolve("round-" + round);
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<X509Certificate>> starts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          starts.add(
              pool.submit(
                  () -> {
                    start.await();
                    LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(fresh);
                    ca.serverFiles();
                    return ca.certificate();
                  }));
        }
        List<X509Certificate> used = new ArrayList<>();
        for (Future<X509Certificate> started : starts) {
          used.add(started.get(60, TimeUnit.SECONDS));
        }
        X509Certificate published =
            Pem.readCertificates(fresh.resolve(LocalCertificateAuthority.CA_CERTIFICATE)).get(0);
        for (X509Certificate ca : used) {
          assertEquals(published, ca, "every start must use the CA in ca.pem");
        }
        assertServerFilesMatchTheCa(fresh);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twoProcessesStartingAtOnceOnAFreshDirectoryLeaveMatchingFiles() throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    String classPath = System.getProperty("java.class.path");
    for (int round = 0; round < 3; round++) {
      Path fresh = dir.resolve("round-" + round);
      Path signals = Files.createDirectories(dir.resolve("signals-" + round));
      List<Process> processes = new ArrayList<>();
      List<Path> logs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Path log = dir.resolve("process-" + round + "-" + i + ".log");
        logs.add(log);
        processes.add(
            new ProcessBuilder(
                    java,
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    classPath,
                    ConcurrentStart.class.getName(),
                    fresh.toString(),
                    signals.toString(),
                    dir.resolve("warm-up-" + round + "-" + i).toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start());
      }
      // Both have loaded their classes before either starts, so they race.
      while (countFiles(signals) < processes.size()
          && processes.stream().allMatch(Process::isAlive)) {
        Thread.sleep(10);
      }
      Files.createFile(signals.resolve(ConcurrentStart.GO));
      for (int i = 0; i < processes.size(); i++) {
        Process process = processes.get(i);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process did not finish");
        String output = Files.readString(logs.get(i));
        assertEquals(0, process.exitValue(), output);
      }
      assertServerFilesMatchTheCa(fresh);
    }
  }

  @Test
  void aServerCertificateFromAnotherCaIsIssuedAnew() throws Exception {
    LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(dir);
    TlsFiles files = ca.serverFiles();
    TlsFiles stranger = LocalCertificateAuthority.loadOrCreate(dir.resolve("other")).serverFiles();
    Files.copy(stranger.chain(), files.chain(), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(stranger.key(), files.key(), StandardCopyOption.REPLACE_EXISTING);

    LocalCertificateAuthority.loadOrCreate(dir).serverFiles();
    assertServerFilesMatchTheCa(dir);
  }

  @Test
  void aServerKeyThatDoesNotFitTheServerCertificateIsIssuedAnew() throws Exception {
    LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(dir);
    TlsFiles files = ca.serverFiles();
    Files.copy(
        dir.resolve(LocalCertificateAuthority.CA_KEY),
        files.key(),
        StandardCopyOption.REPLACE_EXISTING);

    LocalCertificateAuthority.loadOrCreate(dir).serverFiles();
    assertServerFilesMatchTheCa(dir);
  }

  @Test
  void anUnreadableServerCertificateIsIssuedAnew() throws Exception {
    TlsFiles files = LocalCertificateAuthority.loadOrCreate(dir).serverFiles();
    Files.writeString(files.chain(), "-----BEGIN CERTIFICATE-----\ncut short");

    LocalCertificateAuthority.loadOrCreate(dir).serverFiles();
    assertServerFilesMatchTheCa(dir);
  }

  @Test
  void aCaKeyThatDoesNotFitCaPemIsRefusedInOneLineNamingTheFile() throws Exception {
    LocalCertificateAuthority.loadOrCreate(dir);
    Path otherKey =
        LocalCertificateAuthority.loadOrCreate(dir.resolve("other"))
            .certificateFile()
            .resolveSibling(LocalCertificateAuthority.CA_KEY);
    Path caKey = dir.resolve(LocalCertificateAuthority.CA_KEY);
    Files.copy(otherKey, caKey, StandardCopyOption.REPLACE_EXISTING);

    IOException refusal =
        assertThrows(IOException.class, () -> LocalCertificateAuthority.loadOrCreate(dir));
    assertTrue(refusal.getMessage().contains(caKey.toString()), refusal::getMessage);
    assertFalse(refusal.getMessage().contains("\n"), refusal::getMessage);
  }

  @Test
  void aMissingCaKeyIsRefusedAndCaPemIsKept() throws Exception {
    LocalCertificateAuthority.loadOrCreate(dir);
    Path caFile = dir.resolve(LocalCertificateAuthority.CA_CERTIFICATE);
    String published = Files.readString(caFile);
    Path caKey = dir.resolve(LocalCertificateAuthority.CA_KEY);
    Files.delete(caKey);

    IOException refusal =
        assertThrows(IOException.class, () -> LocalCertificateAuthority.loadOrCreate(dir));
    assertTrue(refusal.getMessage().contains(caKey.toString()), refusal::getMessage);
    assertEquals(published, Files.readString(caFile), "clients trust ca.pem: keep it");
  }

  @Test
  void aCaKeyWithoutCaPemIsAnUnfinishedFirstStartAndIsReplaced() throws Exception {
    LocalCertificateAuthority.loadOrCreate(dir);
    Files.delete(dir.resolve(LocalCertificateAuthority.CA_CERTIFICATE));

    LocalCertificateAuthority.loadOrCreate(dir).serverFiles();
    assertServerFilesMatchTheCa(dir);
  }

  @Test
  void everyNewCaHasItsOwnName() throws Exception {
    X509Certificate first = LocalCertificateAuthority.loadOrCreate(dir.resolve("a")).certificate();
    X509Certificate second = LocalCertificateAuthority.loadOrCreate(dir.resolve("b")).certificate();
    assertNotEquals(first.getSubjectX500Principal(), second.getSubjectX500Principal());
  }

  /** The server certificate verifies against ca.pem, and server.key is its key. */
  private static void assertServerFilesMatchTheCa(Path directory) throws Exception {
    X509Certificate ca =
        Pem.readCertificates(directory.resolve(LocalCertificateAuthority.CA_CERTIFICATE)).get(0);
    List<X509Certificate> chain =
        Pem.readCertificates(directory.resolve(LocalCertificateAuthority.SERVER_CHAIN));
    chain.get(0).verify(ca.getPublicKey());
    assertEquals(ca, chain.get(1), "the chain ends with the CA of ca.pem");
    PrivateKey caKey = Pem.readPrivateKey(directory.resolve(LocalCertificateAuthority.CA_KEY));
    PrivateKey serverKey =
        Pem.readPrivateKey(directory.resolve(LocalCertificateAuthority.SERVER_KEY));
    assertTrue(signs(caKey, ca.getPublicKey()), "ca.key is the key of ca.pem");
    assertTrue(
        signs(serverKey, chain.get(0).getPublicKey()), "server.key is the key of server.pem");
  }

  private static boolean signs(PrivateKey key, PublicKey publicKey) throws Exception {
    byte[] data = {1, 2, 3};
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(publicKey);
    verifier.update(data);
    return verifier.verify(signature);
  }

  private static long countFiles(Path directory) throws IOException {
    try (var files = Files.list(directory)) {
      return files.count();
    }
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
