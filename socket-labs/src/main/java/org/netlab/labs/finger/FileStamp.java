package org.netlab.labs.finger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What a file or directory was when it was read, from one {@code stat}: its identity (device and
 * inode), size, and modification and change times. Writing a file changes its modification time;
 * renaming, creating or removing a name in a directory changes the directory's; a change of owner
 * or mode changes the change time. So a value read from files can be kept while their stamps stay
 * the same, with one caveat: the kernel's clock for these times is coarse, and two changes within
 * one tick leave equal times. {@link #settled} tells when a stamp is old enough to trust.
 *
 * @param device the device of the file system
 * @param inode the file's inode
 * @param size the size in bytes
 * @param modified the last modification time
 * @param changed the last change of content, owner, mode or links (ctime)
 * @param uid the owner
 */
record FileStamp(long device, long inode, long size, FileTime modified, FileTime changed, int uid) {
  /** How long after a change a stamp is trusted to show the next one. */
  private static final long SETTLE_MILLIS = 2000;

  /** The stamp of {@code path} (the link itself when {@code options} say so), or null if none. */
  static FileStamp of(Path path, LinkOption... options) throws IOException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(path, "unix:dev,ino,size,lastModifiedTime,ctime,uid", options);
    } catch (NoSuchFileException e) {
      return null;
    }
    return new FileStamp(
        (Long) a.get("dev"),
        (Long) a.get("ino"),
        (Long) a.get("size"),
        (FileTime) a.get("lastModifiedTime"),
        (FileTime) a.get("ctime"),
        (Integer) a.get("uid"));
  }

  /**
   * Whether this stamp, taken at {@code readMillis} (wall clock), is old enough that a later change
   * cannot leave the same times: its last change was well before the read.
   */
  boolean settled(long readMillis) {
    return changed.toMillis() < readMillis - SETTLE_MILLIS
        && modified.toMillis() < readMillis - SETTLE_MILLIS;
  }
}
