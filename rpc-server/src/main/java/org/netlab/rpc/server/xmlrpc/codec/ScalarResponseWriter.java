package org.netlab.rpc.server.xmlrpc.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.netlab.xmlrpc.codec.ScalarValue;

/**
 * Writes the methodResponse of a {@code Double}, {@code Integer}, {@code Boolean} or {@code String}
 * straight as UTF-8 bytes ({@link ScalarValue}): byte for byte what Apache XML-RPC's writer
 * produces, without the objects it builds for every answer. Any other value is left to Apache's
 * writer, and so are the strings {@link ScalarValue} leaves to it.
 */
final class ScalarResponseWriter {
  private static final byte[] HEAD =
      ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><params><param><value>");
  private static final byte[] TAIL = ascii("</value></param></params></methodResponse>");

  private ScalarResponseWriter() {}

  /**
   * Writes the answer carrying this result in one {@code write}, if it is a value this class
   * writes.
   *
   * @return whether it wrote; when false, nothing was written
   */
  static boolean write(Object result, OutputStream out) throws IOException {
    byte[] value = ScalarValue.bytes(result);
    if (value == null) {
      return false;
    }
    byte[] answer = new byte[HEAD.length + value.length + TAIL.length];
    System.arraycopy(HEAD, 0, answer, 0, HEAD.length);
    System.arraycopy(value, 0, answer, HEAD.length, value.length);
    System.arraycopy(TAIL, 0, answer, HEAD.length + value.length, TAIL.length);
    out.write(answer);
    return true;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
