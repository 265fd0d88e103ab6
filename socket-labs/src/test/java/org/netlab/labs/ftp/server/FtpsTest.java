package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLException;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.ftp.FtpTestServer;
import org.netlab.labs.ftp.SessionReusingFtpsClient;
import org.netlab.labs.ftp.TestFiles;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.SslContexts;

/**
 * Explicit FTPS (RFC 4217) with Commons Net's FTPSClient trusting our generated CA; under PROT P,
 * one that resumes the control connection's TLS session on data connections, as the server
 * requires.
 */
@Timeout(30)
class FtpsTest {
  @TempDir Path dir;

  private static FTPSClient connect(FtpTestServer server, boolean protect) throws IOException {
    FTPSClient ftps = new SessionReusingFtpsClient(server.clientTls());
    ftps.setEndpointCheckingEnabled(true);
    ftps.setDefaultTimeout(10_000);
    ftps.connect(server.host(), server.port());
    ftps.execPBSZ(0);
    ftps.execPROT(protect ? "P" : "C");
    return ftps;
  }

  @Test
  void protectedSessionListsDownloadsAndUploads() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.anonymous(true, true))) {
      Path file = TestFiles.random(server.root().resolve("data.bin"), 3 << 20, 5);
      FTPSClient ftps = connect(server, true);
      assertTrue(ftps.login("anonymous", "x"));
      ftps.enterLocalPassiveMode();
      ftps.setFileType(FTP.BINARY_FILE_TYPE);

      assertEquals(
          List.of("data.bin"), Arrays.stream(ftps.listFiles()).map(FTPFile::getName).toList());
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      assertTrue(ftps.retrieveFile("data.bin", content));
      assertEquals(TestFiles.sha256(file), TestFiles.sha256(content.toByteArray()));
      assertTrue(ftps.storeFile("up.txt", new ByteArrayInputStream("over TLS".getBytes(UTF_8))));
      assertEquals("over TLS", Files.readString(server.root().resolve("up.txt")));
      assertEquals(211, ftps.sendCommand("STAT"));
      assertTrue(ftps.getReplyString().contains("protected by TLS"));
      ftps.logout();
    }
  }

  @Test
  void clearDataConnectionsWorkAfterProtC() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      Files.writeString(server.root().resolve("a.txt"), "plain data");
      FTPSClient ftps = connect(server, false);
      assertTrue(ftps.login("anonymous", "x"));
      ftps.enterLocalPassiveMode();
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      assertTrue(ftps.retrieveFile("a.txt", content));
      assertEquals("plain data", content.toString(UTF_8));
    }
  }

  @Test
  void clientThatDoesNotTrustTheCaFailsTheHandshake() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      LocalCertificateAuthority other =
          LocalCertificateAuthority.loadOrCreate(dir.resolve("other"));
      FTPSClient ftps =
          new FTPSClient(false, SslContexts.forClient(other.certificateFile(), null, null));
      assertThrows(SSLException.class, () -> ftps.connect(server.host(), server.port()));
    }
  }

  @Test
  void requireTlsRefusesLoginBeforeAuthTls() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.tls(b.build().tls(), true))) {
      FTPClient plain = new FTPClient();
      plain.connect(server.host(), server.port());
      assertEquals(530, plain.sendCommand("USER", "anonymous"));
      assertEquals(530, plain.sendCommand("PASS", "x"));
      assertFalse(plain.login("anonymous", "x"));
      plain.disconnect();
    }
  }

  @Test
  void requireTlsRefusesClearDataConnections() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.tls(b.build().tls(), true))) {
      Files.writeString(server.root().resolve("a.txt"), "a");
      FTPSClient ftps = new SessionReusingFtpsClient(server.clientTls());
      ftps.connect(server.host(), server.port());
      assertTrue(ftps.login("anonymous", "x"));
      assertEquals(521, ftps.sendCommand("RETR", "a.txt"), "no PROT P yet");
      ftps.execPBSZ(0);
      assertEquals(534, ftps.sendCommand("PROT", "C"));
      ftps.execPROT("P");
      ftps.enterLocalPassiveMode();
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      assertTrue(ftps.retrieveFile("a.txt", content));
      assertEquals("a", content.toString(UTF_8));
    }
  }

  @Test
  void protWithoutPbszIsOutOfSequence() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      FTPClient plain = new FTPClient();
      plain.connect(server.host(), server.port());
      assertEquals(503, plain.sendCommand("PROT", "P"));
      assertEquals(503, plain.sendCommand("PBSZ", "0"));
      plain.disconnect();
    }
  }
}
