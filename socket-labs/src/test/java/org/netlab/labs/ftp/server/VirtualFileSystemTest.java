package org.netlab.labs.ftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualFileSystemTest {
  @TempDir Path dir;

  @Test
  void pathsNormalizeAgainstTheWorkingDirectory() throws Exception {
    VirtualFileSystem files = new VirtualFileSystem(dir);
    assertEquals("/a/b", files.normalize("/a", "b"));
    assertEquals("/b", files.normalize("/a", "../b"));
    assertEquals("/x", files.normalize("/a", "/x/./"));
    assertEquals("/a", files.normalize("/a", ""));
    assertEquals("/", files.normalize("/a", ".."));
  }

  @Test
  void climbingAboveTheRootIs550() throws IOException {
    VirtualFileSystem files = new VirtualFileSystem(dir);
    FtpCommandException e =
        assertThrows(FtpCommandException.class, () -> files.normalize("/", "../etc"));
    assertEquals(550, e.code());
    assertThrows(FtpCommandException.class, () -> files.normalize("/a", "../../.."));
  }

  @Test
  void aLinkChainLeavingTheRootIsNotFound() throws IOException {
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.writeString(dir.resolve("secret"), "s");
    Files.createSymbolicLink(root.resolve("hop2"), dir.resolve("secret"));
    Files.createSymbolicLink(root.resolve("hop1"), Path.of("hop2"));
    VirtualFileSystem files = new VirtualFileSystem(root);
    assertEquals(550, assertThrows(FtpCommandException.class, () -> files.file("/hop1")).code());
    assertEquals(
        550, assertThrows(FtpCommandException.class, () -> files.creatable("/hop1")).code());
  }

  @Test
  void theRootItselfCannotBeCreatedOrRemoved() throws IOException {
    VirtualFileSystem files = new VirtualFileSystem(dir);
    assertThrows(FtpCommandException.class, () -> files.creatable("/"));
    assertThrows(FtpCommandException.class, () -> files.entry("/"));
  }

  @Test
  void anUploadsTemporaryFileIsNotFoundDirectlyOrThroughALink() throws IOException {
    Path temporary = Files.writeString(dir.resolve(AtomicUpload.TEMPORARY_PREFIX + "123"), "part");
    Files.createSymbolicLink(dir.resolve("link"), temporary.getFileName());
    VirtualFileSystem files = new VirtualFileSystem(dir);
    String name = "/" + temporary.getFileName();
    assertEquals(
        550, assertThrows(FtpCommandException.class, () -> files.normalize("/", name)).code());
    assertEquals(
        550,
        assertThrows(FtpCommandException.class, () -> files.normalize("/", "sub/.." + name))
            .code());
    assertEquals(550, assertThrows(FtpCommandException.class, () -> files.file("/link")).code());
  }
}
