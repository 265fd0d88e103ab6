package org.netlab.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
  @TempDir Path dir;
  private TlsFiles files;

  @BeforeEach
  void createCertificates() throws IOException {
    files = LocalCertificateAuthority.loadOrCreate(dir).serverFiles();
  }

  @Test
  void aPlainChainIsReadWithoutTheFullParserAndGivesTheSameCertificates() throws IOException {
    List<X509Certificate> plain = PlainPemCertificates.readOrNull(files.chain());
    assertEquals(2, plain.size());
    assertEquals(plain, Pem.readCertificates(files.chain()));
  }

  @Test
  void certificatesWithCrlfLineEndsAndTextAroundThemAreStillPlain() throws IOException {
    Path file = dir.resolve("crlf.pem");
    String text = Files.readString(files.chain());
    Files.writeString(file, "Subject: the server\r\n" + text.replace("\n", "\r\n") + "trailer\r\n");
    assertEquals(Pem.readCertificates(files.chain()), PlainPemCertificates.readOrNull(file));
  }

  @Test
  void aFileWithAKeyBlockIsLeftToTheFullParserWhichSkipsTheKey() throws IOException {
    Path file = dir.resolve("mixed.pem");
    Files.writeString(file, Files.readString(files.key()) + Files.readString(files.chain()));
    assertNull(PlainPemCertificates.readOrNull(file));
    assertEquals(Pem.readCertificates(files.chain()), Pem.readCertificates(file));
  }

  @Test
  void aDamagedCertificateIsLeftToTheFullParserWhichNamesTheFile() throws IOException {
    Path file = dir.resolve("damaged.pem");
    String text = Files.readString(files.chain());
    int middle = text.indexOf('\n', text.length() / 4) + 1;
    Files.writeString(file, text.substring(0, middle) + "!!!!\n" + text.substring(middle));
    assertNull(PlainPemCertificates.readOrNull(file));
    IOException refusal = assertThrows(IOException.class, () -> Pem.readCertificates(file));
    assertTrue(refusal.getMessage().startsWith(file.toString()), refusal::getMessage);
  }

  @Test
  void aFileWithoutCertificatesIsLeftToTheFullParser() throws IOException {
    assertNull(PlainPemCertificates.readOrNull(files.key()));
    IOException refusal = assertThrows(IOException.class, () -> Pem.readCertificates(files.key()));
    assertEquals(files.key() + ": no PEM certificate found", refusal.getMessage());
  }
}
