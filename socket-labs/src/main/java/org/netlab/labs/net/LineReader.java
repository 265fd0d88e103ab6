package org.netlab.labs.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads protocol lines from a byte stream with a hard size limit, so a client cannot make the
 * server buffer without bound. A line ends with LF; a CR just before it is dropped. Bytes are
 * returned as read; the caller decodes them with the protocol's charset. It reads a byte at a time:
 * give it a buffered stream.
 */
public final class LineReader {
  /** The line terminator every text protocol here sends. */
  public static final String CRLF = "\r\n";

  private final InputStream in;
  private final int maxLineBytes;

  /** Thrown when a line exceeds the limit; the rest of that line is not read. */
  public static final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    public LineTooLongException(int limit) {
      super("line longer than " + limit + " bytes");
    }
  }

  public LineReader(InputStream in, int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be at least 1");
    }
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Returns the next line without its terminator, or null at end of stream before any byte. A last
   * line without a terminator is returned as is.
   *
   * @throws LineTooLongException when more than {@code maxLineBytes} bytes precede LF
   */
  public byte[] readLine() throws IOException {
    byte[] buffer = new byte[Math.min(maxLineBytes + 1, 256)];
    int length = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return length == 0 ? null : Arrays.copyOf(buffer, length);
      }
      if (b == '\n') {
        if (length > 0 && buffer[length - 1] == '\r') {
          length--;
        }
        return Arrays.copyOf(buffer, length);
      }
      // One byte of slack so a CR right at the limit can still precede LF.
      if (length == maxLineBytes + 1 || (length == maxLineBytes && b != '\r')) {
        throw new LineTooLongException(maxLineBytes);
      }
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxLineBytes + 1));
      }
      buffer[length++] = (byte) b;
    }
  }
}
