package org.netlab.xmlrpc.codec;

import java.nio.charset.StandardCharsets;

/**
 * The content of the {@code <value>} element of a {@code Double}, {@code Integer}, {@code Boolean}
 * or {@code String}, straight as UTF-8 bytes: byte for byte what Apache XML-RPC's writer produces
 * for the value with extensions off and UTF-8, without the writer, SAX handler and serializer
 * objects it builds for every message. Any other value is left to Apache's writer ({@link
 * XmlRpcDialect#writer}), and so is a string with a character outside the Basic Multilingual Plane
 * or one XML 1.0 cannot carry.
 */
public final class ScalarValue {
  private static final byte[] TRUE = ascii("<boolean>1</boolean>");
  private static final byte[] FALSE = ascii("<boolean>0</boolean>");

  private ScalarValue() {}

  /**
   * The bytes between {@code <value>} and {@code </value>} for this value, or null when Apache's
   * writer must write it.
   */
  public static byte[] bytes(Object value) {
    if (value instanceof Double d) {
      return ascii("<double>" + d + "</double>");
    } else if (value instanceof Integer i) {
      return ascii("<i4>" + i + "</i4>");
    } else if (value instanceof Boolean b) {
      return b ? TRUE : FALSE;
    } else if (value instanceof String s) {
      return string(s);
    }
    return null;
  }

  /** A string's text, or null when Apache's writer must write it. */
  private static byte[] string(String value) {
    int escapes = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '&' || c == '<' || c == '>') {
        escapes++;
      } else if (!isPlain(c)) {
        return null;
      }
    }
    String text = escapes == 0 ? value : escape(value, escapes);
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A character Apache's writer writes as itself (carriage returns included) and XML 1.0 allows:
   * tab, line feed, carriage return, and the Basic Multilingual Plane without surrogates, U+FFFE
   * and U+FFFF.
   */
  private static boolean isPlain(char c) {
    if (c < ' ') {
      return c == '\t' || c == '\n' || c == '\r';
    }
    return c < Character.MIN_SURROGATE || (c > Character.MAX_SURROGATE && c < '\uFFFE');
  }

  /** Escapes as Apache's writer does in text: {@code & < >} only, quotes stay as they are. */
  private static String escape(String value, int escapes) {
    StringBuilder text = new StringBuilder(value.length() + 4 * escapes);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> text.append("&amp;");
        case '<' -> text.append("&lt;");
        case '>' -> text.append("&gt;");
        default -> text.append(c);
      }
    }
    return text.toString();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
