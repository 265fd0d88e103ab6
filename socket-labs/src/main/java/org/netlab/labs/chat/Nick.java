package org.netlab.labs.chat;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A name in the chat room: 1 to {@value #MAX_LENGTH} letters, digits, {@code - _ .}; compared
 * ignoring case, shown as given.
 */
public record Nick(String value) {
  public static final int MAX_LENGTH = 20;
  private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}._-]{1," + MAX_LENGTH + "}");

  public Nick {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "a name is 1 to " + MAX_LENGTH + " letters, digits, '-', '_' or '.'");
    }
  }

  /** The key under which the room keeps this name, so names differ by more than case. */
  String key() {
    return value.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return value;
  }
}
