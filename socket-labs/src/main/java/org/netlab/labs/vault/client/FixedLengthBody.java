package org.netlab.labs.vault.client;

import java.io.IOException;
import java.io.InputStream;

/**
 * A body of {@code Content-Length} bytes: it ends there, and a connection that closes before is a
 * failure, not a short body.
 */
final class FixedLengthBody extends InputStream {
  private final InputStream in;
  private final long length;
  private long left;

  FixedLengthBody(InputStream in, long length) {
    this.in = in;
    this.length = length;
    this.left = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int count) throws IOException {
    if (left == 0) {
      return -1;
    }
    int n = in.read(buffer, offset, (int) Math.min(count, left));
    if (n < 0) {
      throw new TruncatedBodyException(length - left, length);
    }
    left -= n;
    return n;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), left);
  }
}
