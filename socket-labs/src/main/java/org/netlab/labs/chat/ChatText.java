package org.netlab.labs.chat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Locale;

/**
 * What the room shows of a text someone sent: what a terminal would show, nothing it would obey,
 * and nothing that cannot be written as valid UTF-8.
 *
 * <ul>
 *   <li>Control characters (terminal escapes among them) become U+FFFD; tabs stay.
 *   <li>Format characters, which are invisible, become visible as {@code <U+XXXX>}: bidirectional
 *       overrides and isolates (U+202E would show the rest of a line reversed), zero-width spaces,
 *       byte order marks. So do the line and paragraph separators. Zero-width joiners and
 *       non-joiners between two visible characters stay, as emoji sequences and some scripts need
 *       them.
 *   <li>Lone surrogates and noncharacters become U+FFFD.
 * </ul>
 */
final class ChatText {
  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;
  private static final int REPLACEMENT = 0xFFFD;

  private ChatText() {}

  /** The text as the room shows it; applying this twice changes nothing more. */
  static String shown(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int previous = -1;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      int next = i < text.length() ? text.codePointAt(i) : -1;
      if (c == '\t') {
        out.append('\t');
      } else if (Character.getType(c) == Character.CONTROL
          || Character.getType(c) == Character.SURROGATE
          || isNoncharacter(c)) {
        out.appendCodePoint(REPLACEMENT);
      } else if ((c == ZWJ || c == ZWNJ) && isVisible(previous) && isVisible(next)) {
        out.appendCodePoint(c);
      } else if (Character.getType(c) == Character.FORMAT
          || Character.getType(c) == Character.LINE_SEPARATOR
          || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
        out.append(String.format(Locale.ROOT, "<U+%04X>", c));
      } else {
        out.appendCodePoint(c);
      }
      previous = c;
    }
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

  /** U+FDD0 to U+FDEF and the last two code points of every plane. */
  private static boolean isNoncharacter(int c) {
    return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
  }

  /** A character a terminal draws: not a control, format, separator or space character. */
  private static boolean isVisible(int c) {
    if (c < 0) {
      return false;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.UNASSIGNED,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> !isNoncharacter(c);
    };
  }
}
