package org.netlab.labs.ftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.ftp.FtpTestServer;
import org.netlab.labs.ftp.RawDataFtpClient;
import org.netlab.labs.ftp.TestFiles;

/** Large, broken and concurrent transfers. */
@Timeout(60)
class FtpTransferTest {
  private static final int MIB = 1 << 20;

  @TempDir Path dir;

  private static RawDataFtpClient login(FtpTestServer server) throws IOException {
    return server.login("anonymous", "x");
  }

  /** Sends {@code mebibytes} MiB of zeros on an upload's data connection. */
  private static void sendMebibytes(Socket data, int mebibytes) throws IOException {
    OutputStream out = data.getOutputStream();
    byte[] block = new byte[MIB];
    for (int i = 0; i < mebibytes; i++) {
      out.write(block);
    }
    out.flush();
  }

  @Test
  void uploadResetHalfwayLeavesNoFileUnderTheRealName() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.anonymous(true, true))) {
      RawDataFtpClient ftp = login(server);
      Socket data = ftp.openData("STOR", "big.bin");
      sendMebibytes(data, 50);
      // An abort as a crashed client leaves it: a reset, not an orderly end of file.
      data.setSoLinger(true, 0);
      data.close();
      assertFalse(ftp.completePendingCommand());
      assertEquals(426, ftp.getReplyCode(), ftp.getReplyString());
      assertEquals(List.of(), FtpServerCommonsNetTest.list(server.root()), "no file, no leftovers");
      assertEquals(257, ftp.sendCommand("PWD"), "session goes on");
    }
  }

  @Test
  void aborIn100MegabyteUploadLeavesNoFileUnderTheRealName() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.anonymous(true, true))) {
      Files.writeString(server.root().resolve("big.bin"), "previous version");
      RawDataFtpClient ftp = login(server);
      Socket data = ftp.openData("STOR", "big.bin");
      sendMebibytes(data, 50);
      // ABOR while the data connection is still open: the server must not commit.
      assertEquals(426, ftp.sendCommand("ABOR"), ftp.getReplyString());
      assertEquals(226, ftp.getReply());
      data.close();
      assertEquals(List.of("big.bin"), FtpServerCommonsNetTest.list(server.root()));
      assertEquals("previous version", Files.readString(server.root().resolve("big.bin")));
    }
  }

  @Test
  void completeUploadOf100MegabytesArrivesIntact() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.anonymous(true, true))) {
      Path source = TestFiles.random(dir.resolve("source.bin"), 100L * MIB, 1);
      FTPClient ftp = login(server);
      try (InputStream in = Files.newInputStream(source)) {
        assertTrue(ftp.storeFile("big.bin", in));
      }
      assertEquals(TestFiles.sha256(source), TestFiles.sha256(server.root().resolve("big.bin")));
    }
  }

  @Test
  void interruptedDownloadResumesWhereItStopped() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      Path file = TestFiles.random(server.root().resolve("data.bin"), 5L * MIB + 123, 2);
      RawDataFtpClient ftp = login(server);
      Path local = dir.resolve("local.bin");
      try (Socket data = ftp.openData("RETR", "data.bin");
          OutputStream partial = Files.newOutputStream(local)) {
        InputStream in = data.getInputStream();
        partial.write(in.readNBytes(2 * MIB));
      }
      ftp.completePendingCommand();
      assertEquals(2L * MIB, Files.size(local));
      ftp.setRestartOffset(Files.size(local));
      try (OutputStream rest =
          Files.newOutputStream(local, java.nio.file.StandardOpenOption.APPEND)) {
        assertTrue(ftp.retrieveFile("data.bin", rest));
      }
      assertEquals(TestFiles.sha256(file), TestFiles.sha256(local));
    }
  }

  @Test
  void fiftyConcurrentSessionsEachGetEveryByteRight() throws Exception {
    try (FtpTestServer server = FtpTestServer.start(dir);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Path file =
            TestFiles.random(server.root().resolve("f" + i + ".bin"), MIB + i * 1000, 10 + i);
        expected.add(TestFiles.sha256(file));
      }
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String name = "f" + (i % 5) + ".bin";
        results.add(
            pool.submit(
                () -> {
                  FTPClient ftp = login(server);
                  try (InputStream in = ftp.retrieveFileStream(name)) {
                    String sum = TestFiles.sha256(in);
                    in.close();
                    assertTrue(ftp.completePendingCommand());
                    return sum;
                  } finally {
                    ftp.disconnect();
                  }
                }));
      }
      for (int i = 0; i < 50; i++) {
        assertEquals(expected.get(i % 5), results.get(i).get(), "session " + i);
      }
    }
  }

  @Test
  void passiveConnectionThatNeverComesTimesOutWith425() throws IOException {
    try (FtpTestServer server =
        FtpTestServer.start(dir, b -> b.dataTimeout(java.time.Duration.ofMillis(300)))) {
      Files.writeString(server.root().resolve("a.txt"), "a");
      FTPClient ftp = login(server);
      assertEquals(227, ftp.pasv());
      assertEquals(150, ftp.sendCommand("RETR", "a.txt"));
      assertEquals(425, ftp.getReply());
      assertEquals(257, ftp.sendCommand("PWD"));
    }
  }

  @Test
  void passivePortsComeFromTheConfiguredRange() throws IOException {
    PortRange range = new PortRange(54900, 54949);
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.passivePorts(range))) {
      FTPClient ftp = login(server);
      for (int i = 0; i < 3; i++) {
        assertEquals(227, ftp.pasv());
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("(\\d+),(\\d+)\\)").matcher(ftp.getReplyString());
        assertTrue(m.find(), ftp.getReplyString());
        int port = Integer.parseInt(m.group(1)) * 256 + Integer.parseInt(m.group(2));
        assertTrue(port >= range.first() && port <= range.last(), "port " + port);
      }
    }
  }

  @Test
  void downloadToAClientThatStopsReadingIsAbortedAfterTheDataTimeout() throws IOException {
    try (FtpTestServer server =
        FtpTestServer.start(dir, b -> b.dataTimeout(java.time.Duration.ofMillis(500)))) {
      TestFiles.random(server.root().resolve("big.bin"), 64L * MIB, 3);
      RawDataFtpClient ftp = login(server);
      try (Socket data = ftp.openData("RETR", "big.bin")) {
        data.getInputStream().read();
        // Read nothing more: the socket buffers fill and the server's writes stall.
        assertEquals(426, ftp.getReply(), ftp.getReplyString());
        assertTrue(ftp.getReplyString().contains("stalled"), ftp.getReplyString());
      }
      assertEquals(257, ftp.sendCommand("PWD"), "session goes on");
    }
  }

  @Test
  void aborDuringADownloadCutsItWith426Then226() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir)) {
      TestFiles.random(server.root().resolve("big.bin"), 64L * MIB, 4);
      RawDataFtpClient ftp = login(server);
      try (Socket data = ftp.openData("RETR", "big.bin")) {
        data.getInputStream().readNBytes(MIB);
        assertEquals(426, ftp.sendCommand("ABOR"), ftp.getReplyString());
        assertEquals(226, ftp.getReply());
      }
      assertEquals(257, ftp.sendCommand("PWD"));
    }
  }
}
