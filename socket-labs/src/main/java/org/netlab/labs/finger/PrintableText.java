package org.netlab.labs.finger;

/**
 * Removes what a terminal would interpret rather than show (RFC 1288 §3.3): control characters
 * except TAB and line ends, and invisible format characters such as bidirectional overrides.
 * Applied by the daemon to users' own texts and by the client to everything a server sends.
 */
public final class PrintableText {
  private PrintableText() {}

  public static String strip(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().filter(PrintableText::isShown).forEach(out::appendCodePoint);
    return out.toString();
  }

  private static boolean isShown(int c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return true;
    }
    return !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT;
  }
}
