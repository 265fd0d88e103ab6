package org.netlab.labs.vault.http;

import java.time.Instant;

/**
 * The vault's entity tags: strong, made of a file's size and modification time to the nanosecond,
 * so a changed file gets a new tag unless it keeps both its size and its time stamp (which takes
 * deliberate effort, or a file system with coarse time stamps).
 */
final class EntityTags {
  private EntityTags() {}

  static String of(long size, Instant modified) {
    long nanos = modified.getEpochSecond() * 1_000_000_000L + modified.getNano();
    return "\"" + Long.toHexString(size) + "-" + Long.toHexString(nanos) + "\"";
  }

  /**
   * Whether an {@code If-None-Match} value ({@code *} or a list of tags, weak or strong) matches
   * {@code etag} by weak comparison.
   */
  static boolean anyMatchesWeakly(String value, String etag) {
    if (value.strip().equals("*")) {
      return true;
    }
    for (String tag : value.split(",")) {
      String candidate = tag.strip();
      if (candidate.startsWith("W/")) {
        candidate = candidate.substring(2);
      }
      if (candidate.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
