package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.ftp.FtpTestServer;
import org.netlab.labs.ftp.RawDataFtpClient;

/**
 * An upload that has not completed exists only as a temporary file on the disk: no session can list
 * it, read it, or act on it under its temporary name.
 */
@Timeout(30)
class UploadInProgressTest {
  private static final int MIB = 1 << 20;

  @TempDir Path dir;

  @Test
  void anUploadInProgressIsNotListedAndCannotBeReadUnderItsTemporaryName() throws Exception {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.anonymous(true, true))) {
      Files.writeString(server.root().resolve("other.txt"), "other");
      RawDataFtpClient uploader = server.login("anonymous", "x");
      Socket data = uploader.openData("STOR", "report.bin");
      OutputStream out = data.getOutputStream();
      // Enough for the server to write part of it to the disk while the upload goes on.
      byte[] half = new byte[MIB];
      Arrays.fill(half, (byte) 'a');
      out.write(half);
      out.flush();
      String temporary = temporaryName(server.root());
      waitForBytes(server.root().resolve(temporary));

      RawDataFtpClient reader = server.login("anonymous", "y");
      assertEquals(List.of("other.txt"), Arrays.asList(reader.listNames()), "NLST");
      assertEquals(List.of("other.txt"), names(reader.listFiles()), "LIST");
      assertEquals(List.of("other.txt"), names(reader.mlistDir()), "MLSD");
      assertEquals(550, reader.sendCommand("SIZE", temporary), reader.getReplyString());
      assertEquals(550, reader.sendCommand("MDTM", temporary), reader.getReplyString());
      assertEquals(550, reader.sendCommand("MLST", temporary), reader.getReplyString());
      ByteArrayOutputStream stolen = new ByteArrayOutputStream();
      assertFalse(reader.retrieveFile(temporary, stolen), reader.getReplyString());
      assertEquals(550, reader.getReplyCode(), reader.getReplyString());
      assertEquals(0, stolen.size());
      assertEquals(550, reader.sendCommand("RNFR", temporary), reader.getReplyString());

      out.write(half);
      data.close();
      assertTrue(uploader.completePendingCommand(), uploader.getReplyString());
      assertEquals(2L * MIB, Files.size(server.root().resolve("report.bin")));
      assertEquals(List.of("other.txt", "report.bin"), FtpServerCommonsNetTest.list(server.root()));
    }
  }

  @Test
  void aClientCannotStoreOverAnotherUploadsTemporaryFile() throws Exception {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.anonymous(true, true))) {
      RawDataFtpClient uploader = server.login("anonymous", "x");
      Socket data = uploader.openData("STOR", "report.bin");
      String temporary = temporaryName(server.root());

      RawDataFtpClient other = server.login("anonymous", "y");
      assertEquals(227, other.pasv());
      assertEquals(550, other.sendCommand("STOR", temporary), other.getReplyString());
      assertEquals(550, other.sendCommand("DELE", temporary), other.getReplyString());

      data.getOutputStream().write("mine".getBytes(UTF_8));
      data.close();
      assertTrue(uploader.completePendingCommand(), uploader.getReplyString());
      assertEquals("mine", Files.readString(server.root().resolve("report.bin")));
    }
  }

  /** The one entry on the disk that is not a complete file: the upload's temporary file. */
  private static String temporaryName(Path root) throws Exception {
    for (int i = 0; i < 500; i++) {
      List<String> names =
          FtpServerCommonsNetTest.list(root).stream().filter(n -> !n.equals("other.txt")).toList();
      if (names.size() == 1) {
        return names.get(0);
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no temporary file in " + FtpServerCommonsNetTest.list(root));
  }

  private static void waitForBytes(Path file) throws Exception {
    for (int i = 0; i < 500 && Files.size(file) == 0; i++) {
      Thread.sleep(10);
    }
    assertTrue(Files.size(file) > 0, "the server wrote part of the upload");
  }

  private static List<String> names(FTPFile[] files) {
    return Arrays.stream(files).map(FTPFile::getName).toList();
  }
}
