package org.netlab.labs.vault.http;

/**
 * One satisfiable byte range of a representation (RFC 9110 section 14.1.2).
 *
 * @param first offset of the first byte
 * @param length bytes in the range, at least 1
 */
record ByteRange(long first, long length) {
  /** What a {@code Range} field asks of a representation of {@code size} bytes. */
  sealed interface Request permits Whole, Part, Unsatisfiable {}

  /** Send the whole representation: no Range, or one this server ignores. */
  record Whole() implements Request {}

  /** Send this part, 206. */
  record Part(ByteRange range) implements Request {}

  /** No byte of the representation is in the range asked for: 416. */
  record Unsatisfiable() implements Request {}

  long last() {
    return first + length - 1;
  }

  /** The {@code Content-Range} value for this range of {@code size} bytes. */
  String contentRange(long size) {
    return "bytes " + first + "-" + last() + "/" + size;
  }

  /**
   * Reads a {@code Range} value. Only one range of the {@code bytes} unit is served; several ranges
   * (which would need multipart/byteranges), other units and malformed values are ignored, as RFC
   * 9110 allows, and the whole representation is sent.
   */
  static Request parse(String value, long size) {
    if (value == null) {
      return new Whole();
    }
    String spec = value.strip();
    if (!spec.regionMatches(true, 0, "bytes=", 0, 6)) {
      return new Whole();
    }
    spec = spec.substring(6).strip();
    if (!spec.matches("[0-9]{0,18}-[0-9]{0,18}") || spec.equals("-")) {
      return new Whole();
    }
    int dash = spec.indexOf('-');
    String firstText = spec.substring(0, dash);
    String lastText = spec.substring(dash + 1);
    if (firstText.isEmpty()) {
      long suffix = Long.parseLong(lastText);
      if (suffix == 0 || size == 0) {
        return new Unsatisfiable();
      }
      long length = Math.min(suffix, size);
      return new Part(new ByteRange(size - length, length));
    }
    long first = Long.parseLong(firstText);
    long last = lastText.isEmpty() ? Long.MAX_VALUE : Long.parseLong(lastText);
    if (last < first) {
      return new Whole();
    }
    if (first >= size) {
      return new Unsatisfiable();
    }
    return new Part(new ByteRange(first, Math.min(last, size - 1) - first + 1));
  }
}
