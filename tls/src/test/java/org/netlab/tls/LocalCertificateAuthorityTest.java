package org.netlab.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
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
}
