package org.netlab.labs.chat;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * What the room shows of a text someone sent: control characters (terminal escapes among them)
 * become U+FFFD; tabs stay.
 */
final class ChatText {
  private static final int REPLACEMENT = 0xFFFD;

  private ChatText() {}

  /** The text as the room shows it; applying this twice changes nothing more. */
  static String shown(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .map(c -> c != '\t' && Character.getType(c) == Character.CONTROL ? REPLACEMENT : c)
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  /**
   * The text as the room shows it, cut to at most {@code maxBytes} of UTF-8 on a character
   * boundary: what is shown is never longer than the line limit, however much showing grows it.
   */
  static String shown(String text, int maxBytes) {
    String shown = shown(text);
    if (shown.length() * 3 <= maxBytes || shown.getBytes(UTF_8).length <= maxBytes) {
      return shown;
    }
    int bytes = 0;
    int end = 0;
    while (end < shown.length()) {
      int c = shown.codePointAt(end);
      int size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      end += Character.charCount(c);
    }
    return shown.substring(0, end);
  }
}
