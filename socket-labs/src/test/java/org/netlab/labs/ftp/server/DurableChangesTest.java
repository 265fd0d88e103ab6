package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.ftp.RawDataFtpClient;

/**
 * A change is acknowledged only once it is on the disk: the server runs with a {@link
 * RecordingDiskSync} that holds directory syncs, and the client must get no reply meanwhile.
 */
@Timeout(30)
class DurableChangesTest {
  @TempDir Path dir;

  private static FtpServer start(Path root, DiskSync sync) throws IOException {
    FtpServerConfig config =
        FtpServerConfig.builder(root)
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .anonymous(true, true)
            .dataTimeout(Duration.ofSeconds(5))
            .build();
    return new FtpServer(config, sync).start();
  }

  private static RawDataFtpClient login(FtpServer server) throws IOException {
    RawDataFtpClient ftp = new RawDataFtpClient();
    ftp.setDefaultTimeout(10_000);
    ftp.connect("127.0.0.1", server.port());
    assertTrue(ftp.login("anonymous", "x"), ftp.getReplyString());
    ftp.enterLocalPassiveMode();
    return ftp;
  }

  @Test
  void storIsAcknowledgedOnlyAfterItsDirectoryIsSynced() throws Exception {
    Path root = dir.resolve("root");
    RecordingDiskSync sync = RecordingDiskSync.holdingDirectories();
    try (FtpServer server = start(root, sync)) {
      RawDataFtpClient ftp = login(server);
      try (Socket data = ftp.openData("STOR", "a.txt")) {
        data.getOutputStream().write("hello".getBytes(UTF_8));
      }
      assertTrue(sync.awaitDirectorySync());
      ftp.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, ftp::getReply, "no 226 before the sync");
      sync.release();
      ftp.setSoTimeout(10_000);
      assertEquals(226, ftp.getReply(), ftp.getReplyString());
      assertEquals(List.of("file 5 bytes", "directory root [a.txt]"), sync.events());
    }
  }

  @Test
  void rntoIsAcknowledgedOnlyAfterItsDirectoriesAreSynced() throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("d"));
    Files.writeString(root.resolve("a.txt"), "a");
    RecordingDiskSync sync = RecordingDiskSync.holdingDirectories();
    try (FtpServer server = start(root, sync)) {
      RawDataFtpClient ftp = login(server);
      assertEquals(350, ftp.sendCommand("RNFR", "a.txt"));
      ftp.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, () -> ftp.sendCommand("RNTO", "d/b.txt"));
      assertTrue(sync.awaitDirectorySync());
      sync.release();
      ftp.setSoTimeout(10_000);
      assertEquals(250, ftp.getReply(), ftp.getReplyString());
      assertEquals(List.of("directory d [b.txt]", "directory root [d]"), sync.events());
    }
  }

  @Test
  void deleMkdAndRmdSyncTheDirectoryTheyChange() throws Exception {
    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("d"));
    Files.writeString(root.resolve("d/a.txt"), "a");
    RecordingDiskSync sync = RecordingDiskSync.recording();
    try (FtpServer server = start(root, sync)) {
      RawDataFtpClient ftp = login(server);
      assertEquals(250, ftp.sendCommand("DELE", "d/a.txt"));
      assertEquals(257, ftp.sendCommand("MKD", "new"));
      assertEquals(250, ftp.sendCommand("RMD", "d"));
      assertEquals(
          List.of("directory d []", "directory root [d, new]", "directory root [new]"),
          sync.events());
    }
  }
}
