package org.netlab.labs.ftp.server;

import java.time.Clock;
import java.util.Objects;

/**
 * The tree a session serves, how it is listed and how its changes reach the disk: {@link
 * VirtualFileSystem} resolves paths and keeps them inside the root, {@link DirectoryListing} writes
 * what LIST, NLST, MLSD, MLST and STAT show of it, {@link DiskSync} makes uploads and other changes
 * durable before they are acknowledged.
 */
record ServedTree(VirtualFileSystem files, DirectoryListing listing, DiskSync sync) {
  ServedTree {
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(listing, "listing");
    Objects.requireNonNull(sync, "sync");
  }

  /** The tree under {@code files}; LIST tells recent files from old ones by {@code clock}. */
  static ServedTree of(VirtualFileSystem files, Clock clock, DiskSync sync) {
    return new ServedTree(files, new DirectoryListing(files, clock), sync);
  }
}
