package org.netlab.labs.finger;

/**
 * Removes what a terminal would interpret rather than show (RFC 1288 §3.3): control characters
 * except TAB and line ends, and invisible format characters such as bidirectional overrides. What
 * is not text at all, lone surrogates and noncharacters, becomes U+FFFD, so the result always
 * encodes as valid UTF-8. Applied by the daemon to users' own texts and to every answer it sends,
 * and by the client to everything a server sends.
 */
public final class PrintableText {
  private static final int REPLACEMENT = 0xFFFD;

  private PrintableText() {}

  public static String strip(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .filter(PrintableText::isShown)
        .map(c -> isText(c) ? c : REPLACEMENT)
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  private static boolean isShown(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return true;
    }
    return !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT;
  }

  /** Not a lone surrogate, nor a noncharacter (U+FDD0 to U+FDEF, the last two of each plane). */
  private static boolean isText(int c) {
    return Character.getType(c) != Character.SURROGATE
        && !(c >= 0xFDD0 && c <= 0xFDEF)
        && (c & 0xFFFE) != 0xFFFE;
  }
}
