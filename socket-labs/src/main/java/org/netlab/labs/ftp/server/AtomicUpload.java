package org.netlab.labs.ftp.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An upload written to a temporary file beside its target and renamed over it only when complete,
 * so readers never see a partial file and a failed or aborted upload leaves the target as it was. A
 * resumed (REST) or appending (APPE) upload first copies the kept part of the existing file, in the
 * kernel, into the temporary file.
 *
 * <p>The temporary file is in the target's own directory, so the rename stays on one file system
 * and is atomic, under a name no session can reach: {@link VirtualFileSystem} refuses every path
 * with a segment that {@link #isTemporary} and {@link DirectoryListing} leaves such names out.
 */
final class AtomicUpload implements AutoCloseable {
  /** How every temporary file's name starts; a random number follows. */
  static final String TEMPORARY_PREFIX = ".netlab-upload-";

  /** Uploaded files are readable by all, like files created under a usual umask. */
  private static final FileAttribute<?> READABLE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));

  /**
   * Bytes received between two syncs started while an upload is still coming: large enough that
   * each sync writes a good stretch at once, small enough that the disk starts early.
   */
  static final long WRITE_BEHIND_BYTES = 32L << 20;

  private final Path target;
  private final Path temporary;
  private final FileChannel channel;
  private final DiskSync sync;
  private boolean committed;
  private long unsynced;
  private Thread writeBehind;
  private volatile IOException writeBehindFailure;

  private AtomicUpload(Path target, Path temporary, FileChannel channel, DiskSync sync) {
    this.target = target;
    this.temporary = temporary;
    this.channel = channel;
    this.sync = sync;
  }

  /**
   * Starts an upload to {@code target}, keeping its first {@code keep} bytes (0 for a new file).
   * Fails before anything is received when the directory is not writable.
   *
   * @param sync how {@link #commit} gets the upload onto the disk
   */
  static AtomicUpload begin(Path target, long keep, DiskSync sync) throws IOException {
    Path directory = target.getParent();
    // Without the target's name in it, a long name cannot make this one too long.
    Path temporary = Files.createTempFile(directory, TEMPORARY_PREFIX, "", READABLE);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
      if (keep > 0) {
        try (FileChannel existing = FileChannel.open(target, StandardOpenOption.READ)) {
          if (existing.size() < keep) {
            throw new IllegalArgumentException(
                "restart point " + keep + " is past the end of the file (" + existing.size() + ")");
          }
          long copied = 0;
          while (copied < keep) {
            copied += existing.transferTo(copied, keep - copied, channel);
          }
        }
      }
      channel.position(keep);
      return new AtomicUpload(target, temporary, channel, sync);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      Files.deleteIfExists(temporary);
      throw e;
    }
  }

  /** Whether {@code name} (one path segment) is the name of an upload's temporary file. */
  static boolean isTemporary(String name) {
    return name.startsWith(TEMPORARY_PREFIX);
  }

  FileChannel channel() {
    return channel;
  }

  /**
   * Told of every count of bytes received (on the transfer's thread). Every {@link
   * #WRITE_BEHIND_BYTES}, unless the last one is still running, starts a sync of what is written so
   * far on a thread of its own while the upload goes on: the disk then writes during the transfer
   * rather than all after it, and the sync at {@link #commit} waits only for the rest. Without
   * syncing ({@code --no-sync}) it does nothing.
   */
  void received(long bytes) {
    if (sync == DiskSync.NONE) {
      return;
    }
    unsynced += bytes;
    if (unsynced < WRITE_BEHIND_BYTES || (writeBehind != null && writeBehind.isAlive())) {
      return;
    }
    unsynced = 0;
    writeBehind =
        Thread.ofVirtual()
            .name("ftp-write-behind")
            .start(
                () -> {
                  try {
                    sync.file(channel);
                  } catch (IOException e) {
                    // Kept for commit: the kernel reports a write error to one sync only.
                    writeBehindFailure = e;
                  }
                });
  }

  /**
   * Makes the upload visible under its real name. With {@link DiskSync#FSYNC} it returns only once
   * the bytes and then the rename are on the disk (the file, then its directory), so an upload
   * acknowledged after it survives a power cut.
   */
  void commit() throws IOException {
    awaitWriteBehind();
    sync.file(channel);
    channel.close();
    try {
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
    committed = true;
    sync.directory(target.getParent());
  }

  /** Waits for the sync started while receiving, if any; rethrows its failure. */
  private void awaitWriteBehind() throws IOException {
    if (writeBehind != null) {
      try {
        writeBehind.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while syncing " + temporary);
      }
    }
    IOException failure = writeBehindFailure;
    if (failure != null) {
      throw failure;
    }
  }

  /** Drops the temporary file unless committed. Safe to call twice. */
  @Override
  public void close() throws IOException {
    if (committed) {
      return;
    }
    channel.close();
    Files.deleteIfExists(temporary);
  }
}
