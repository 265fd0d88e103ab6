package org.netlab.labs.totp;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.netlab.labs.cli.InvalidFileException;

/**
 * Files that hold secrets or personal data: created readable and writable by their owner only, and
 * refused when group or others may read or write them.
 */
final class OwnerOnlyFiles {
  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> SHARED =
      EnumSet.of(
          PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private OwnerOnlyFiles() {}

  /**
   * Creates an empty file with mode 600 (and missing parent directories).
   *
   * @throws FileAlreadyExistsException when it exists
   */
  static void create(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (isPosix(file.toAbsolutePath().getParent())) {
      // Created with the mode, not chmod-ed afterwards: no moment when others can open it.
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
    } else {
      Files.createFile(file);
    }
  }

  /**
   * As {@link #create}, with an error that says what to do when the file exists: files holding
   * secrets are never overwritten.
   */
  static void createNew(Path file, String what) throws IOException {
    try {
      create(file);
    } catch (FileAlreadyExistsException e) {
      throw new InvalidFileException(
          what + " " + file + " already exists; remove it or choose another name", e);
    }
  }

  /** Creates the file as by {@link #create} unless it exists; an existing one is kept as is. */
  static void createIfAbsent(Path file) throws IOException {
    if (!Files.exists(file)) {
      try {
        create(file);
      } catch (FileAlreadyExistsException raced) {
        // Someone created it meanwhile: use theirs.
      }
    }
  }

  /**
   * @throws IOException naming the file, its mode and the fix, when group or others may read or
   *     write it
   */
  static void requireOwnerOnly(Path file, String what) throws IOException {
    if (!isPosix(file)) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (permissions.stream().anyMatch(SHARED::contains)) {
      throw new InvalidFileException(
          what
              + " "
              + file
              + " is open to group or others (mode "
              + PosixFilePermissions.toString(permissions)
              + "); run: chmod 600 "
              + file);
    }
  }

  private static boolean isPosix(Path path) throws IOException {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing == null
        || Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
  }
}
