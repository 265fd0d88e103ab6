package org.netlab.labs.vault.client;

import java.io.IOException;
import java.io.InputStream;

/**
 * A body in the chunked transfer coding (RFC 9112 section 7.1): chunk sizes in hex on lines of
 * their own, chunk extensions ignored, trailer fields read and dropped. Size lines and trailers are
 * held to limits; a chunk not followed by its line end is refused.
 */
final class ChunkedBody extends InputStream {
  /** A chunk-size line with its extensions. */
  static final int MAX_SIZE_LINE_BYTES = 1024;

  /** Hex digits that still fit a long. */
  private static final int MAX_SIZE_DIGITS = 15;

  private final InputStream in;
  private long chunkLeft;
  private long received;
  private boolean ended;

  ChunkedBody(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int count) throws IOException {
    if (count == 0) {
      return 0;
    }
    if (chunkLeft == 0) {
      if (ended || !nextChunk()) {
        return -1;
      }
    }
    int n = in.read(buffer, offset, (int) Math.min(count, chunkLeft));
    if (n < 0) {
      throw new TruncatedBodyException(received, -1);
    }
    chunkLeft -= n;
    received += n;
    if (chunkLeft == 0) {
      endOfChunkData();
    }
    return n;
  }

  /** Reads the next size line; false, with the trailers read, at the last chunk. */
  private boolean nextChunk() throws IOException {
    String line = line("a chunk size");
    int end = line.indexOf(';');
    String hex = (end < 0 ? line : line.substring(0, end)).strip();
    if (hex.isEmpty()
        || hex.length() > MAX_SIZE_DIGITS
        || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new MalformedResponseException("bad chunk size: " + ResponseParser.printable(line));
    }
    chunkLeft = Long.parseLong(hex, 16);
    if (chunkLeft == 0) {
      ended = true;
      skipTrailers();
      return false;
    }
    return true;
  }

  private void endOfChunkData() throws IOException {
    if (!line("the end of a chunk").isEmpty()) {
      throw new MalformedResponseException("chunk data longer than its size");
    }
  }

  private void skipTrailers() throws IOException {
    ResponseParser.Budget budget =
        new ResponseParser.Budget(ResponseParser.MAX_HEAD_BYTES, "trailer fields");
    while (true) {
      String trailer = ResponseParser.readLine(in, budget);
      if (trailer == null) {
        throw new TruncatedBodyException(received, -1);
      }
      if (trailer.isEmpty()) {
        return;
      }
    }
  }

  private String line(String what) throws IOException {
    String line = ResponseParser.readLine(in, new ResponseParser.Budget(MAX_SIZE_LINE_BYTES, what));
    if (line == null) {
      throw new TruncatedBodyException(received, -1);
    }
    return line;
  }
}
