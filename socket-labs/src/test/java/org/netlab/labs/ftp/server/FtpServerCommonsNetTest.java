package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.ftp.FtpTestServer;
import org.netlab.labs.ftp.RawDataFtpClient;

/** Our server driven by Apache Commons Net's FTPClient, an independent implementation. */
@Timeout(30)
class FtpServerCommonsNetTest {
  @TempDir Path dir;

  private static FTPClient connect(FtpTestServer server, String user, String password)
      throws IOException {
    return server.login(user, password);
  }

  @Test
  void anonymousListsDownloadsAndSeesFacts() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      Files.createDirectories(server.root().resolve("docs"));
      Files.writeString(server.root().resolve("docs/readme.txt"), "hello ftp\n");
      FTPClient ftp = connect(server, "anonymous", "me@example.org");

      assertEquals(
          List.of("docs"), Arrays.stream(ftp.listFiles("/")).map(FTPFile::getName).toList());
      FTPFile[] inDocs = ftp.listFiles("docs");
      assertEquals(1, inDocs.length);
      assertEquals("readme.txt", inDocs[0].getName());
      assertEquals(10, inDocs[0].getSize());
      assertTrue(ftp.changeWorkingDirectory("docs"));
      assertEquals("/docs", ftp.printWorkingDirectory());

      ByteArrayOutputStream content = new ByteArrayOutputStream();
      assertTrue(ftp.retrieveFile("readme.txt", content));
      assertEquals("hello ftp\n", content.toString(UTF_8));

      assertEquals("10", ftp.getSize("readme.txt"));
      assertNotNull(ftp.getModificationTime("readme.txt"));
      FTPFile facts = ftp.mlistFile("readme.txt");
      assertEquals(10, facts.getSize());
      assertTrue(facts.isFile());
      assertEquals(
          List.of("readme.txt"), Arrays.stream(ftp.mlistDir()).map(FTPFile::getName).toList());
      assertTrue(ftp.changeToParentDirectory());
      assertEquals("/", ftp.printWorkingDirectory());
      ftp.logout();
    }
  }

  @Test
  void featuresHelpAndStatusAreMultiLineReplies() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      FTPClient ftp = connect(server, "anonymous", "x");
      assertTrue(ftp.features());
      assertTrue(ftp.hasFeature("EPSV"));
      assertTrue(ftp.hasFeature("AUTH", "TLS"));
      assertEquals(211, ftp.getReplyCode());
      assertTrue(ftp.getReplyStrings().length > 3);
      assertEquals(214, ftp.sendCommand("HELP"));
      assertEquals(
          " ABOR APPE AUTH CDUP CWD DELE EPRT EPSV FEAT HELP LIST MDTM MKD MLSD MLST MODE NLST NOOP"
              + " OPTS PASS PASV PBSZ PORT PROT PWD QUIT REST RETR RMD RNFR RNTO SIZE STAT STOR STRU"
              + " SYST TYPE USER XCUP XCWD XMKD XPWD XRMD",
          ftp.getReplyStrings()[1]);
      assertEquals(211, ftp.sendCommand("STAT"));
      assertEquals(215, ftp.sendCommand("SYST"));
      assertEquals(200, ftp.sendCommand("NOOP"));
      assertEquals(200, ftp.sendCommand("OPTS", "UTF8 ON"));
      assertEquals(200, ftp.sendCommand("MODE", "S"));
      assertEquals(504, ftp.sendCommand("MODE", "B"));
      assertEquals(200, ftp.sendCommand("STRU", "F"));
      assertEquals(504, ftp.sendCommand("STRU", "R"));
      assertEquals(504, ftp.sendCommand("TYPE", "E"));
      assertEquals(225, ftp.sendCommand("ABOR"));
    }
  }

  @Test
  void unknownCommandsGet502AndTheSessionGoesOn() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      FTPClient ftp = connect(server, "anonymous", "x");
      assertEquals(502, ftp.sendCommand("SITE", "CHMOD 777 x"));
      assertEquals(502, ftp.sendCommand("XYZZY"));
      assertEquals(257, ftp.sendCommand("PWD"));
    }
  }

  @Test
  void commandsBeforeLoginAreRefused() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      FTPClient ftp = new FTPClient();
      ftp.connect(server.host(), server.port());
      assertEquals(530, ftp.sendCommand("PWD"));
      assertEquals(530, ftp.sendCommand("RETR", "x"));
      assertEquals(503, ftp.sendCommand("PASS", "nothing"));
      ftp.disconnect();
    }
  }

  @Test
  void readOnlyAnonymousCannotStoreDeleteOrMakeDirectories() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      Files.writeString(server.root().resolve("keep.txt"), "keep");
      FTPClient ftp = connect(server, "anonymous", "x");
      assertFalse(ftp.storeFile("new.txt", new ByteArrayInputStream(new byte[10])));
      assertEquals(550, ftp.getReplyCode());
      assertFalse(ftp.appendFile("keep.txt", new ByteArrayInputStream(new byte[10])));
      assertFalse(ftp.deleteFile("keep.txt"));
      assertEquals(550, ftp.getReplyCode());
      assertFalse(ftp.makeDirectory("d"));
      assertEquals(550, ftp.getReplyCode());
      assertFalse(ftp.rename("keep.txt", "other.txt"));
      assertEquals(List.of("keep.txt"), list(server.root()));
      assertEquals("keep", Files.readString(server.root().resolve("keep.txt")));
    }
  }

  @Test
  void writableAnonymousStoresAppendsRenamesAndDeletes() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.anonymous(true, true))) {
      FTPClient ftp = connect(server, "anonymous", "x");
      assertTrue(ftp.makeDirectory("up"));
      assertEquals(257, ftp.getReplyCode());
      assertTrue(ftp.storeFile("up/a.bin", new ByteArrayInputStream("first".getBytes(UTF_8))));
      assertTrue(ftp.appendFile("up/a.bin", new ByteArrayInputStream("+more".getBytes(UTF_8))));
      assertEquals("first+more", Files.readString(server.root().resolve("up/a.bin")));
      assertTrue(ftp.rename("up/a.bin", "up/b.bin"));
      assertEquals(List.of("b.bin"), list(server.root().resolve("up")));
      assertFalse(ftp.removeDirectory("up"));
      assertEquals(550, ftp.getReplyCode());
      assertTrue(ftp.deleteFile("up/b.bin"));
      assertTrue(ftp.removeDirectory("up"));
      assertEquals(List.of(), list(server.root()));
    }
  }

  @Test
  void restartedDownloadSendsOnlyTheRest() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      byte[] content = new byte[300_000];
      new java.util.Random(7).nextBytes(content);
      Files.write(server.root().resolve("big.bin"), content);
      FTPClient ftp = connect(server, "anonymous", "x");
      ftp.setRestartOffset(100_000);
      ByteArrayOutputStream rest = new ByteArrayOutputStream();
      assertTrue(ftp.retrieveFile("big.bin", rest));
      assertArrayEquals(Arrays.copyOfRange(content, 100_000, content.length), rest.toByteArray());
    }
  }

  @Test
  void restartedUploadKeepsThePrefixAndReplacesTheRest() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.anonymous(true, true))) {
      Files.writeString(server.root().resolve("part.txt"), "0123456789-garbage");
      FTPClient ftp = connect(server, "anonymous", "x");
      ftp.setRestartOffset(10);
      assertTrue(ftp.storeFile("part.txt", new ByteArrayInputStream("ABCDEF".getBytes(UTF_8))));
      assertEquals("0123456789ABCDEF", Files.readString(server.root().resolve("part.txt")));
    }
  }

  @Test
  void asciiModeConvertsLineEndingsBothWays() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.anonymous(true, true))) {
      Files.writeString(server.root().resolve("unix.txt"), "one\ntwo\n");
      RawDataFtpClient ftp = new RawDataFtpClient();
      ftp.connect(server.host(), server.port());
      assertTrue(ftp.login("anonymous", "x"));
      ftp.enterLocalPassiveMode();
      ftp.setFileType(FTP.ASCII_FILE_TYPE);
      // Read the raw data socket: Commons Net would convert line endings back itself.
      try (Socket data = ftp.openData("RETR", "unix.txt")) {
        assertEquals("one\r\ntwo\r\n", new String(data.getInputStream().readAllBytes(), UTF_8));
      }
      assertTrue(ftp.completePendingCommand());
      assertTrue(ftp.storeFile("in.txt", new ByteArrayInputStream("a\nb\n".getBytes(UTF_8))));
      assertEquals("a\nb\n", Files.readString(server.root().resolve("in.txt")));
    }
  }

  @Test
  void everyUserNameGets331SoNamesCannotBeProbed() throws IOException {
    UserDatabase users =
        new UserDatabase(Map.of("alice", PasswordHash.create("wonderland".toCharArray(), 1000)));
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.users(users))) {
      FTPClient ftp = new FTPClient();
      ftp.connect(server.host(), server.port());
      assertEquals(331, ftp.sendCommand("USER", "alice"));
      assertEquals(331, ftp.sendCommand("USER", "nobody-here"));
      assertEquals(530, ftp.sendCommand("PASS", "guess"));
      ftp.disconnect();
    }
  }

  @Test
  void namedUserLogsInWithTheRightPasswordAndMayWrite() throws IOException {
    UserDatabase users =
        new UserDatabase(Map.of("alice", PasswordHash.create("wonderland".toCharArray(), 1000)));
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.users(users))) {
      FTPClient ftp = connect(server, "alice", "wonderland");
      assertTrue(ftp.storeFile("mine.txt", new ByteArrayInputStream("x".getBytes(UTF_8))));
      assertTrue(Files.exists(server.root().resolve("mine.txt")));
    }
  }

  @Test
  void threeWrongPasswordsClose421AfterADelay() throws IOException {
    UserDatabase users =
        new UserDatabase(Map.of("alice", PasswordHash.create("wonderland".toCharArray(), 1000)));
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.users(users));
        Socket socket = new Socket(server.host(), server.port())) {
      socket.setSoTimeout(10_000);
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
      OutputStream out = socket.getOutputStream();
      assertTrue(in.readLine().startsWith("220 "));
      long start = System.nanoTime();
      for (int i = 1; i <= 3; i++) {
        out.write(("USER alice\r\nPASS wrong" + i + "\r\n").getBytes(UTF_8));
        assertTrue(in.readLine().startsWith("331 "));
        assertTrue(in.readLine().startsWith(i < 3 ? "530 " : "421 "));
      }
      assertTrue(System.nanoTime() - start >= 3 * 100_000_000L, "each failure waits");
      assertEquals(null, in.readLine(), "connection closed");
    }
  }

  @Test
  void anonymousCanBeSwitchedOff() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.anonymous(false, false))) {
      FTPClient ftp = new FTPClient();
      ftp.connect(server.host(), server.port());
      assertFalse(ftp.login("anonymous", "x"));
      assertEquals(530, ftp.getReplyCode());
      ftp.disconnect();
    }
  }

  @Test
  void sessionsBeyondThePerAddressCapAreTurnedAway() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.maxSessions(10, 2))) {
      FTPClient first = connect(server, "anonymous", "x");
      FTPClient second = connect(server, "anonymous", "x");
      FTPClient third = new FTPClient();
      assertThrows(
          FTPConnectionClosedException.class, () -> third.connect(server.host(), server.port()));
      assertEquals(421, third.getReplyCode());
      assertEquals(257, first.sendCommand("PWD"));
      first.disconnect();
      second.disconnect();
    }
  }

  @Test
  void failedFileOperationsKeepTheSession() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.anonymous(true, true))) {
      Files.writeString(server.root().resolve("plain.txt"), "x");
      FTPClient ftp = connect(server, "anonymous", "x");
      assertFalse(ftp.storeFile("plain.txt/inside", new ByteArrayInputStream(new byte[3])));
      assertEquals(550, ftp.getReplyCode());
      assertEquals(550, ftp.sendCommand("MKD", "no/such/parent"));
      assertEquals(550, ftp.sendCommand("MKD", "plain.txt"));
      assertEquals(550, ftp.sendCommand("DELE", "missing"));
      assertEquals(503, ftp.sendCommand("RNTO", "x"));
      assertEquals(257, ftp.sendCommand("PWD"));
      assertTrue(ftp.storeFile("ok.txt", new ByteArrayInputStream(new byte[3])));
    }
  }

  static List<String> list(Path directory) throws IOException {
    try (var files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
