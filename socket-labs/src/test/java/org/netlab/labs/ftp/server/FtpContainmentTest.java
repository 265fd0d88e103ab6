package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.ftp.FtpTestServer;

/**
 * Nothing outside the served root can be reached, and data connections cannot be aimed at third
 * parties (FTP bounce). Each refusal is checked to read or send nothing.
 */
@Timeout(30)
class FtpContainmentTest {
  @TempDir Path dir;
  private FtpTestServer server;
  private FTPClient ftp;
  private Path outside;

  @BeforeEach
  void start() throws IOException {
    server = FtpTestServer.start(dir, b -> b.anonymous(true, true));
    outside = Files.writeString(dir.resolve("secret.txt"), "outside the root");
    Files.createDirectories(server.root().resolve("pub"));
    Files.writeString(server.root().resolve("pub/inside.txt"), "inside");
    ftp = server.login("anonymous", "x");
  }

  @AfterEach
  void stop() throws IOException {
    if (ftp.isConnected()) {
      ftp.disconnect();
    }
    server.close();
  }

  @Test
  void dotDotAboveTheRootIsRefused() throws IOException {
    assertEquals(550, ftp.sendCommand("RETR", "../../etc/passwd"));
    assertEquals(550, ftp.sendCommand("RETR", "../secret.txt"));
    assertEquals(550, ftp.sendCommand("CWD", "/../.."));
    assertEquals(550, ftp.sendCommand("CWD", "pub/../../.."));
    assertEquals(550, ftp.sendCommand("SIZE", "/../secret.txt"));
    assertEquals(550, ftp.sendCommand("CDUP"));
    assertEquals("/", ftp.printWorkingDirectory());
  }

  @Test
  void dotDotInsideTheRootIsFine() throws IOException {
    assertTrue(ftp.changeWorkingDirectory("pub/../pub/./"));
    assertEquals("/pub", ftp.printWorkingDirectory());
    assertEquals("6", ftp.getSize("../pub/inside.txt"));
  }

  @Test
  void absolutePathsAreTakenFromTheRootNotTheDisk() throws IOException {
    assertEquals(550, ftp.sendCommand("RETR", "/etc/passwd"));
    assertEquals(550, ftp.sendCommand("SIZE", outside.toString()));
    assertEquals("6", ftp.getSize("/pub/inside.txt"));
  }

  @Test
  void encodedTricksAreJustNamesThatDoNotExist() throws IOException {
    assertEquals(550, ftp.sendCommand("RETR", "%2e%2e/secret.txt"));
    assertEquals(550, ftp.sendCommand("RETR", "..%2fsecret.txt"));
    assertEquals(550, ftp.sendCommand("RETR", "..\\secret.txt"));
    assertEquals(550, ftp.sendCommand("CWD", "%2e%2e%2f%2e%2e"));
  }

  @Test
  void symbolicLinksOutOfTheRootAreRefusedAndNotListed() throws IOException {
    Files.createSymbolicLink(server.root().resolve("etc"), Path.of("/etc"));
    Files.createSymbolicLink(server.root().resolve("leak.txt"), outside);
    Files.createSymbolicLink(server.root().resolve("pub/ok.txt"), Path.of("inside.txt"));

    assertEquals(550, ftp.sendCommand("CWD", "etc"));
    assertEquals(550, ftp.sendCommand("RETR", "etc/passwd"));
    assertEquals(550, ftp.sendCommand("RETR", "leak.txt"));
    assertEquals(550, ftp.sendCommand("SIZE", "leak.txt"));
    assertEquals(550, ftp.sendCommand("MLST", "etc"));
    assertEquals(List.of("pub"), Arrays.stream(ftp.listFiles("/")).map(FTPFile::getName).toList());
    // A link that stays inside works like the file it names.
    assertEquals("6", ftp.getSize("pub/ok.txt"));
  }

  @Test
  void uploadsThroughALinkOutOfTheRootAreRefused() throws IOException {
    Files.createSymbolicLink(server.root().resolve("out"), dir);
    Files.createSymbolicLink(server.root().resolve("leak.txt"), outside);
    assertFalse(ftp.storeFile("out/planted.txt", new ByteArrayInputStream(new byte[4])));
    assertEquals(550, ftp.getReplyCode());
    assertFalse(ftp.storeFile("leak.txt", new ByteArrayInputStream(new byte[4])));
    assertEquals(550, ftp.getReplyCode());
    assertEquals(550, ftp.sendCommand("MKD", "out/newdir"));
    assertFalse(Files.exists(dir.resolve("planted.txt")));
    assertFalse(Files.exists(dir.resolve("newdir")));
    assertEquals("outside the root", Files.readString(outside));
  }

  @Test
  void controlCharactersInPathsAreRefused() throws IOException {
    assertEquals(550, ftp.sendCommand("MKD", "bad\u0001name"));
    assertEquals(List.of("pub"), FtpServerCommonsNetTest.list(server.root()));
  }

  @Test
  void portToAnotherHostIsRefusedAndNothingConnects() throws IOException {
    try (ServerSocket victim = new ServerSocket()) {
      victim.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
      victim.setSoTimeout(300);
      int port = victim.getLocalPort();
      assertEquals(504, ftp.sendCommand("PORT", "127,0,0,2," + (port >> 8) + "," + (port & 0xff)));
      assertEquals(504, ftp.sendCommand("EPRT", "|1|127.0.0.2|" + port + "|"));
      assertEquals(503, ftp.sendCommand("RETR", "pub/inside.txt"));
      assertThrows(SocketTimeoutException.class, victim::accept);
    }
  }

  @Test
  void portToAPrivilegedPortIsRefused() throws IOException {
    assertEquals(504, ftp.sendCommand("PORT", "127,0,0,1,0,21"));
    assertEquals(504, ftp.sendCommand("EPRT", "|1|127.0.0.1|21|"));
    assertEquals(503, ftp.sendCommand("LIST"));
  }

  @Test
  void malformedPortArgumentsAre501() throws IOException {
    assertEquals(501, ftp.sendCommand("PORT", "127,0,0,1,300,1"));
    assertEquals(501, ftp.sendCommand("PORT", "localhost"));
    assertEquals(501, ftp.sendCommand("EPRT", "|1|example.org|2000|"));
    assertEquals(522, ftp.sendCommand("EPRT", "|3|127.0.0.1|2000|"));
  }

  @Test
  void activeModeBackToTheClientWorks() throws IOException {
    ftp.enterLocalActiveMode();
    // Below the kernel's ephemeral ports (32768 and up): a port one of the suite's many closed
    // connections still holds in TIME_WAIT cannot be bound, and Commons Net does not retry.
    ftp.setActivePortRange(20000, 30000);
    java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
    assertTrue(ftp.retrieveFile("pub/inside.txt", content), ftp.getReplyString());
    assertEquals("inside", content.toString(UTF_8));
  }
}
