package org.netlab.labs.vault.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code Content-Range} field (RFC 9110 section 14.4): the bytes a 206 carries, or, in a 416,
 * only the size of the whole.
 *
 * @param first first byte carried, or -1 for {@code bytes *}{@code /SIZE}
 * @param last last byte carried, or -1 likewise
 * @param size length of the whole representation, or -1 when the server gives {@code *}
 */
public record ContentRange(long first, long last, long size) {
  private static final Pattern RANGE =
      Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");
  private static final Pattern UNSATISFIED = Pattern.compile("bytes \\*/(\\d{1,18})");

  /**
   * @throws MalformedResponseException when {@code text} is neither form, or its range is empty or
   *     beyond its size
   */
  public static ContentRange parse(String text) throws MalformedResponseException {
    String value = text.strip();
    Matcher range = RANGE.matcher(value);
    if (range.matches()) {
      long first = Long.parseLong(range.group(1));
      long last = Long.parseLong(range.group(2));
      long size = range.group(3).equals("*") ? -1 : Long.parseLong(range.group(3));
      if (last < first || (size >= 0 && last >= size)) {
        throw new MalformedResponseException("impossible Content-Range: " + value);
      }
      return new ContentRange(first, last, size);
    }
    Matcher unsatisfied = UNSATISFIED.matcher(value);
    if (unsatisfied.matches()) {
      return new ContentRange(-1, -1, Long.parseLong(unsatisfied.group(1)));
    }
    throw new MalformedResponseException("bad Content-Range: " + ResponseParser.printable(value));
  }

  /** Bytes carried: {@code last - first + 1}, or 0 for the unsatisfied form. */
  public long length() {
    return first < 0 ? 0 : last - first + 1;
  }
}
