package org.netlab.labs.ftp.server;

import java.time.Clock;
import java.util.Objects;

/**
 * The tree a session serves, and how it is listed: {@link VirtualFileSystem} resolves paths and
 * keeps them inside the root, {@link DirectoryListing} writes what LIST, NLST, MLSD, MLST and STAT
 * show of it.
 */
record ServedTree(VirtualFileSystem files, DirectoryListing listing) {
  ServedTree {
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(listing, "listing");
  }

  /** The tree under {@code files}; LIST tells recent files from old ones by {@code clock}. */
  static ServedTree of(VirtualFileSystem files, Clock clock) {
    return new ServedTree(files, new DirectoryListing(files, clock));
  }
}
