package org.netlab.labs.ftp.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How a change to the served tree reaches the disk before the client is told it is done. A file's
 * bytes are on the disk after an fsync of the file; its name, after a rename, a create or a delete,
 * only after an fsync of the directory that holds it: without that, a crash can lose a file already
 * acknowledged with 226.
 */
interface DiskSync {
  /** Waits until {@code file}'s bytes are on the disk. */
  void file(FileChannel file) throws IOException;

  /** Waits until the names in {@code directory} (created, renamed, removed) are on the disk. */
  void directory(Path directory) throws IOException;

  /** fsync(2) of files and directories: the default. */
  DiskSync FSYNC =
      new DiskSync() {
        @Override
        public void file(FileChannel file) throws IOException {
          file.force(false);
        }

        @Override
        public void directory(Path directory) throws IOException {
          // Linux syncs a directory opened for reading; force(true) is its fsync(2).
          try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
          }
        }

        @Override
        public String toString() {
          return "fsync";
        }
      };

  /**
   * Nothing waits for the disk ({@code --no-sync}): faster, and a crash may lose the last changes.
   */
  DiskSync NONE =
      new DiskSync() {
        @Override
        public void file(FileChannel file) {}

        @Override
        public void directory(Path directory) {}

        @Override
        public String toString() {
          return "no sync";
        }
      };
}
