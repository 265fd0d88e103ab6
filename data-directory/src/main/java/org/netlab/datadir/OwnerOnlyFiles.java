package org.netlab.datadir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * How the servers create what they keep under the data directory: the phonebook holds personal data
 * and the TLS directory private keys, so every directory and file made here is readable and
 * writable by its owner only (0700 and 0600), and files are replaced atomically, so a crash or a
 * second process never sees half a file.
 *
 * <p>On file systems without POSIX permissions the permissions are left to the system.
 */
public final class OwnerOnlyFiles {
  /** {@code rwx------}. */
  public static final Set<PosixFilePermission> DIRECTORY_PERMISSIONS =
      PosixFilePermissions.fromString("rwx------");

  /** {@code rw-------}. */
  public static final Set<PosixFilePermission> FILE_PERMISSIONS =
      PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {}

  /**
   * Creates {@code directory} and its missing parents, each owner-only. Directories that already
   * exist are left as they are: they may be the operator's.
   */
  public static Path createDirectories(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return directory;
    }
    if (absolute.getParent() != null) {
      createDirectories(absolute.getParent());
    }
    try {
      Files.createDirectory(absolute, attributes(DIRECTORY_PERMISSIONS));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(absolute)) {
        throw e; // a file, not a directory, is in the way
      }
    }
    return directory;
  }

  /**
   * Creates an empty owner-only file unless one exists, in which case it is made owner-only if
   * others could read or write it (as files from earlier versions could).
   *
   * @return true when this call created the file
   */
  public static boolean createFileIfMissing(Path file) throws IOException {
    try {
      Files.createFile(file, attributes(FILE_PERMISSIONS));
      return true;
    } catch (FileAlreadyExistsException e) {
      restrictToOwner(file);
      return false;
    }
  }

  /**
   * Takes every permission from group and others on an existing file.
   *
   * @return true when the permissions were changed
   */
  public static boolean restrictToOwner(Path file) throws IOException {
    if (!posix()) {
      return false;
    }
    Set<PosixFilePermission> current = Files.getPosixFilePermissions(file);
    if (FILE_PERMISSIONS.containsAll(current)) {
      return false;
    }
    current.retainAll(FILE_PERMISSIONS);
    Files.setPosixFilePermissions(file, current);
    return true;
  }

  /**
   * Replaces {@code file} with {@code content} so that readers see the old file or the new one,
   * whole, even across a crash: writes an owner-only temporary file in the same directory, syncs
   * it, renames it over {@code file}, then syncs the directory.
   */
  public static void writeAtomically(Path file, byte[] content) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    Path temporary =
        Files.createTempFile(
            directory, "." + file.getFileName() + ".", ".tmp", attributes(FILE_PERMISSIONS));
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    syncDirectory(directory);
  }

  /** Makes a rename in {@code directory} durable; only POSIX systems can open a directory. */
  private static void syncDirectory(Path directory) throws IOException {
    if (posix()) {
      try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
        channel.force(true);
      }
    }
  }

  private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
    return posix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
