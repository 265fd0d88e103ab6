package org.netlab.rpc.server.xmlrpc.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the methodResponse of a {@code Double}, {@code Integer}, {@code Boolean} or {@code String}
 * straight as UTF-8 bytes: byte for byte what Apache XML-RPC's writer produces for the value with
 * extensions off and UTF-8, without the writer, SAX handler and serializer objects it builds for
 * every answer. Any other value is left to Apache's writer, and so is a string with a character XML
 * 1.0 cannot carry (Apache writes a control character as itself and each half of a surrogate pair
 * as a character reference).
 */
final class ScalarResponseWriter {
  private static final String HEAD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><params><param><value>";
  private static final String TAIL = "</value></param></params></methodResponse>";

  private static final byte[] DOUBLE_HEAD = ascii(HEAD + "<double>");
  private static final byte[] DOUBLE_TAIL = ascii("</double>" + TAIL);
  private static final byte[] INT_HEAD = ascii(HEAD + "<i4>");
  private static final byte[] INT_TAIL = ascii("</i4>" + TAIL);
  private static final byte[] STRING_HEAD = ascii(HEAD);
  private static final byte[] STRING_TAIL = ascii(TAIL);
  private static final byte[] TRUE = ascii(HEAD + "<boolean>1</boolean>" + TAIL);
  private static final byte[] FALSE = ascii(HEAD + "<boolean>0</boolean>" + TAIL);

  private ScalarResponseWriter() {}

  /**
   * Writes the answer carrying this result in one {@code write}, if it is a value this class
   * writes.
   *
   * @return whether it wrote; when false, nothing was written
   */
  static boolean write(Object result, OutputStream out) throws IOException {
    byte[] answer;
    if (result instanceof Double d) {
      answer = join(DOUBLE_HEAD, ascii(Double.toString(d)), DOUBLE_TAIL);
    } else if (result instanceof Integer i) {
      answer = join(INT_HEAD, ascii(Integer.toString(i)), INT_TAIL);
    } else if (result instanceof Boolean b) {
      answer = b ? TRUE : FALSE;
    } else if (result instanceof String s) {
      answer = string(s);
    } else {
      return false;
    }
    if (answer == null) {
      return false;
    }
    out.write(answer);
    return true;
  }

  /** The answer for a string, or null when Apache's writer must write it. */
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
    return join(STRING_HEAD, text.getBytes(StandardCharsets.UTF_8), STRING_TAIL);
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

  private static byte[] join(byte[] head, byte[] value, byte[] tail) {
    byte[] answer = new byte[head.length + value.length + tail.length];
    System.arraycopy(head, 0, answer, 0, head.length);
    System.arraycopy(value, 0, answer, head.length, value.length);
    System.arraycopy(tail, 0, answer, head.length + value.length, tail.length);
    return answer;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
