package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an upload does to the disk, watched through a {@link RecordingDiskSync}: the order of the
 * syncs and the rename is what makes an acknowledged upload survive a crash.
 */
class AtomicUploadTest {
  @TempDir Path dir;

  @Test
  void commitSyncsTheFileThenRenamesThenSyncsTheDirectory() throws IOException {
    Path upload = Files.createDirectories(dir.resolve("upload"));
    RecordingDiskSync sync = RecordingDiskSync.recording();
    AtomicUpload atomic = AtomicUpload.begin(upload.resolve("a.txt"), 0, sync);
    atomic.channel().write(ByteBuffer.wrap("hello".getBytes(UTF_8)));
    atomic.commit();
    assertEquals(List.of("file 5 bytes", "directory upload [a.txt]"), sync.events());
    assertEquals("hello", Files.readString(upload.resolve("a.txt")));
  }

  @Test
  void aLongUploadIsSyncedWhileItComesAndOnceMoreBeforeTheRename() throws IOException {
    Path upload = Files.createDirectories(dir.resolve("upload"));
    RecordingDiskSync sync = RecordingDiskSync.recording();
    AtomicUpload atomic = AtomicUpload.begin(upload.resolve("a.txt"), 0, sync);
    atomic.channel().write(ByteBuffer.wrap("hello".getBytes(UTF_8)));
    atomic.received(AtomicUpload.WRITE_BEHIND_BYTES - 1);
    atomic.commit();
    assertEquals(List.of("file 5 bytes", "directory upload [a.txt]"), sync.events());

    RecordingDiskSync again = RecordingDiskSync.recording();
    AtomicUpload longer = AtomicUpload.begin(upload.resolve("b.txt"), 0, again);
    longer.channel().write(ByteBuffer.wrap("hello".getBytes(UTF_8)));
    longer.received(AtomicUpload.WRITE_BEHIND_BYTES);
    longer.commit();
    assertEquals(
        List.of("file 5 bytes", "file 5 bytes", "directory upload [a.txt, b.txt]"), again.events());
  }

  @Test
  void aDroppedUploadSyncsNothingAndLeavesNothing() throws IOException {
    RecordingDiskSync sync = RecordingDiskSync.recording();
    AtomicUpload atomic = AtomicUpload.begin(dir.resolve("a.txt"), 0, sync);
    atomic.channel().write(ByteBuffer.wrap("half".getBytes(UTF_8)));
    atomic.close();
    assertEquals(List.of(), sync.events());
    assertEquals(List.of(), FtpServerCommonsNetTest.list(dir));
  }

  @Test
  void theRealDirectorySyncWorksHereAndReportsAMissingDirectory() throws IOException {
    DiskSync.FSYNC.directory(dir);
    assertThrows(NoSuchFileException.class, () -> DiskSync.FSYNC.directory(dir.resolve("gone")));
  }
}
