package org.netlab.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SslContextsTest {
  @TempDir Path dir;

  @Test
  void aServerKeyThatIsNotTheCertificatesKeyIsRefusedInOneLineNamingIt() throws IOException {
    LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(dir);
    Path chain = dir.resolve("given.pem");
    Path key = dir.resolve("given.key");
    ca.issue("server", LocalCertificateAuthority.Purpose.SERVER, List.of("localhost"), chain, key);
    Path otherKey = dir.resolve("other.key");
    ca.issue(
        "other",
        LocalCertificateAuthority.Purpose.SERVER,
        List.of("localhost"),
        dir.resolve("other.pem"),
        otherKey);

    IOException refusal =
        assertThrows(IOException.class, () -> SslContexts.forServer(new TlsFiles(chain, otherKey)));
    assertTrue(refusal.getMessage().startsWith(otherKey.toString()), refusal::getMessage);
    assertTrue(refusal.getMessage().contains(chain.toString()), refusal::getMessage);
    assertFalse(refusal.getMessage().contains("\n"), refusal::getMessage);
  }
}
