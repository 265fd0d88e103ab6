package org.netlab.datadir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {
  @TempDir Path dir;

  @Test
  void createdDirectoriesAndTheirParentsAreOwnerOnly() throws IOException {
    Path nested = dir.resolve("a/b/c");
    OwnerOnlyFiles.createDirectories(nested);
    for (Path created : List.of(dir.resolve("a"), dir.resolve("a/b"), nested)) {
      assertEquals("rwx------", permissions(created), created::toString);
    }
  }

  @Test
  void anExistingDirectoryKeepsItsPermissions() throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
    OwnerOnlyFiles.createDirectories(dir);
    assertEquals("rwxr-x---", permissions(dir));
  }

  @Test
  void aCreatedFileIsOwnerOnlyAndAnExistingOneLosesWhatOthersHad() throws IOException {
    Path file = dir.resolve("store");
    assertTrue(OwnerOnlyFiles.createFileIfMissing(file));
    assertEquals("rw-------", permissions(file));

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
    assertFalse(OwnerOnlyFiles.createFileIfMissing(file));
    assertEquals("rw-------", permissions(file));
  }

  @Test
  void anAtomicWriteReplacesTheFileWholeAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("ca.pem");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    OwnerOnlyFiles.writeAtomically(file, "new".getBytes(StandardCharsets.US_ASCII));

    assertEquals("new", Files.readString(file));
    assertEquals("rw-------", permissions(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
