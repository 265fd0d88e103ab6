package org.netlab.rpc.server.xmlrpc.codec;

import java.io.IOException;
import java.io.OutputStream;
import org.netlab.xmlrpc.codec.ScalarResponse;
import org.netlab.xmlrpc.codec.ScalarValue;

/**
 * Writes the methodResponse of a {@code Double}, {@code Integer}, {@code Boolean} or {@code String}
 * straight as UTF-8 bytes ({@link ScalarValue}, {@link ScalarResponse}): byte for byte what Apache
 * XML-RPC's writer produces, without the objects it builds for every answer. Any other value is
 * left to Apache's writer, and so are the strings {@link ScalarValue} leaves to it.
 */
final class ScalarResponseWriter {
  private ScalarResponseWriter() {}

  /**
   * Writes the answer carrying this result in one {@code write}, if it is a value this class
   * writes.
   *
   * @return whether it wrote; when false, nothing was written
   */
  static boolean write(Object result, OutputStream out) throws IOException {
    byte[] answer = ScalarResponse.bytes(result);
    if (answer == null) {
      return false;
    }
    out.write(answer);
    return true;
  }
}
