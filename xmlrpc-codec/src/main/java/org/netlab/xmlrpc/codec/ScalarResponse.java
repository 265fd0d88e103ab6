package org.netlab.xmlrpc.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The methodResponse of a scalar result as bytes, both ways: written whole from a {@link
 * ScalarValue}, and read back without a parser when an answer is exactly such bytes for a double,
 * an int, a boolean or a string of printable ASCII without markup. Any other answer (a fault, an
 * array or struct, other text, other spacing) is left to a parser; what is read here is what a
 * parser would read from the same bytes.
 */
public final class ScalarResponse {
  private static final byte[] HEAD =
      ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><params><param><value>");
  private static final byte[] TAIL = ascii("</value></param></params></methodResponse>");

  private ScalarResponse() {}

  /** The whole answer carrying this result, or null when {@link ScalarValue} does not write it. */
  public static byte[] bytes(Object result) {
    byte[] value = ScalarValue.bytes(result);
    if (value == null) {
      return null;
    }
    byte[] answer = new byte[HEAD.length + value.length + TAIL.length];
    System.arraycopy(HEAD, 0, answer, 0, HEAD.length);
    System.arraycopy(value, 0, answer, HEAD.length, value.length);
    System.arraycopy(TAIL, 0, answer, HEAD.length + value.length, TAIL.length);
    return answer;
  }

  /**
   * The result of an answer written as {@link #bytes} writes a double, an int, a boolean or a
   * string of printable ASCII with no {@code <} or {@code &}: a {@code Double}, {@code Integer},
   * {@code Boolean} or {@code String}, as Apache XML-RPC's parser would read it.
   *
   * @return null when the answer must be parsed
   */
  public static Object read(byte[] answer) {
    int start = HEAD.length;
    int end = answer.length - TAIL.length;
    if (end < start
        || !Arrays.equals(answer, 0, start, HEAD, 0, start)
        || !Arrays.equals(answer, end, answer.length, TAIL, 0, TAIL.length)) {
      return null;
    }
    if (end == start || answer[start] != '<') {
      // A string: printable ASCII and no markup, so its text is its bytes.
      for (int i = start; i < end; i++) {
        byte b = answer[i];
        if (b < ' ' || b > '~' || b == '<' || b == '&') {
          return null;
        }
      }
      return new String(answer, start, end - start, StandardCharsets.US_ASCII);
    }
    String text = typed(answer, start, end, "double");
    if (text != null
        && text.chars().allMatch(c -> "+-.E".indexOf(c) >= 0 || Character.isDigit(c))) {
      return parse(() -> Double.valueOf(text));
    }
    String integer = typed(answer, start, end, "i4");
    if (integer != null && integer.chars().allMatch(c -> c == '-' || Character.isDigit(c))) {
      return parse(() -> Integer.valueOf(integer));
    }
    String truth = typed(answer, start, end, "boolean");
    if ("1".equals(truth) || "0".equals(truth)) {
      return "1".equals(truth);
    }
    return null;
  }

  /** The text of {@code <type>text</type>} spanning exactly the value, or null. */
  private static String typed(byte[] answer, int start, int end, String type) {
    byte[] open = ascii("<" + type + ">");
    byte[] close = ascii("</" + type + ">");
    int textStart = start + open.length;
    int textEnd = end - close.length;
    if (textEnd <= textStart
        || !Arrays.equals(answer, start, textStart, open, 0, open.length)
        || !Arrays.equals(answer, textEnd, end, close, 0, close.length)) {
      return null;
    }
    return new String(answer, textStart, textEnd - textStart, StandardCharsets.US_ASCII);
  }

  private static Object parse(Supplier<Object> number) {
    try {
      return number.get();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
