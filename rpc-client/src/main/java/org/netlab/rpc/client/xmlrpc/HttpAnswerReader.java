package org.netlab.rpc.client.xmlrpc;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.netlab.rpc.contract.ServedBy;

/**
 * Reads HTTP/1.1 answers (RFC 9112) from one connection's input, with limits: a status line or
 * header over 8 KiB, more than 100 headers or a body over the body limit fails the read. A body is
 * delimited by its Content-Length, by chunks, or by the end of the stream.
 */
final class HttpAnswerReader {
  private static final int MAX_LINE_BYTES = 8 * 1024;
  private static final int MAX_HEADERS = 100;

  /**
   * An answer: its status code, its body (empty when it has none), whether the connection may carry
   * another request (keep-alive, and nothing left unread), and the name of the server that gave it
   * ({@link ServedBy#HTTP_HEADER}, null when it sent none).
   */
  record Response(int status, byte[] body, boolean reusable, String servedBy) {}

  /** A body over the limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(int maxBytes) {
      super("the answer is larger than the limit of " + maxBytes + " bytes");
    }
  }

  /** Bytes that are not an HTTP/1.x answer, such as an HTTP/2 or TLS server's. */
  static final class NotHttp extends IOException {
    private static final long serialVersionUID = 1L;

    NotHttp(String what) {
      super(what);
    }
  }

  private final InputStream in;
  private final int maxBodyBytes;
  private final byte[] buffer = new byte[16 * 1024];
  private int position;
  private int limit;

  HttpAnswerReader(InputStream in, int maxBodyBytes) {
    this.in = in;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Reads one whole answer, interim ones skipped.
   *
   * @throws IOException when no whole answer came; {@link TooLarge} and {@link NotHttp} among them
   */
  Response read() throws IOException {
    while (true) {
      String statusLine = line();
      if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
        throw new NotHttp("the answer is not HTTP/1.1");
      }
      int status = status(statusLine);
      boolean http10 = statusLine.startsWith("HTTP/1.0");
      long contentLength = -1;
      boolean chunked = false;
      boolean close = http10;
      String servedBy = null;
      for (int count = 0; ; count++) {
        String header = line();
        if (header.isEmpty()) {
          break;
        }
        if (count == MAX_HEADERS) {
          throw new NotHttp("the answer has more than " + MAX_HEADERS + " headers");
        }
        int colon = header.indexOf(':');
        if (colon <= 0) {
          throw new NotHttp("the answer has a header without a name");
        }
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim();
        switch (name) {
          case "content-length" -> contentLength = contentLength(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
          case "connection" -> {
            String option = value.toLowerCase(Locale.ROOT);
            close = option.contains("close") || (http10 && !option.contains("keep-alive"));
          }
          case ServedBy.HTTP_HEADER -> servedBy = value;
          default -> {}
        }
      }
      if (status >= 100 && status < 200) {
        continue; // an interim answer; the final one follows (RFC 9110, section 15.2)
      }
      byte[] body;
      if (status == 204 || status == 304) {
        body = new byte[0];
      } else if (chunked) {
        body = chunked();
      } else if (contentLength >= 0) {
        if (contentLength > maxBodyBytes) {
          throw new TooLarge(maxBodyBytes);
        }
        body = exactly((int) contentLength);
      } else {
        body = untilClosed();
        close = true;
      }
      return new Response(status, body, !close && position == limit, servedBy);
    }
  }

  private int status(String statusLine) throws NotHttp {
    int code = 0;
    for (int i = 9; i < 12; i++) {
      char c = statusLine.charAt(i);
      if (c < '0' || c > '9') {
        throw new NotHttp("the answer's status line has no status code");
      }
      code = code * 10 + (c - '0');
    }
    return code;
  }

  private long contentLength(String value) throws NotHttp {
    try {
      long length = Long.parseLong(value);
      if (length >= 0) {
        return length;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new NotHttp("the answer's Content-Length is not a length");
  }

  private byte[] chunked() throws IOException {
    byte[] body = new byte[1024];
    int size = 0;
    while (true) {
      String sizeLine = line();
      int end = sizeLine.indexOf(';');
      int chunk;
      try {
        chunk = Integer.parseInt((end < 0 ? sizeLine : sizeLine.substring(0, end)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new NotHttp("the answer has a chunk without a size");
      }
      if (chunk < 0) {
        throw new NotHttp("the answer has a chunk without a size");
      }
      if (chunk == 0) {
        while (!line().isEmpty()) {
          // trailer fields, ignored
        }
        return Arrays.copyOf(body, size);
      }
      if (chunk > maxBodyBytes - size) {
        throw new TooLarge(maxBodyBytes);
      }
      if (size + chunk > body.length) {
        body = Arrays.copyOf(body, Math.max(size + chunk, 2 * body.length));
      }
      read(body, size, chunk);
      size += chunk;
      if (!line().isEmpty()) {
        throw new NotHttp("the answer has a chunk longer than its size");
      }
    }
  }

  private byte[] untilClosed() throws IOException {
    byte[] body = new byte[1024];
    int size = 0;
    while (position < limit || fill()) {
      int count = limit - position;
      if (count > maxBodyBytes - size) {
        throw new TooLarge(maxBodyBytes);
      }
      if (size + count > body.length) {
        body = Arrays.copyOf(body, Math.max(size + count, 2 * body.length));
      }
      System.arraycopy(buffer, position, body, size, count);
      size += count;
      position = limit;
    }
    return Arrays.copyOf(body, size);
  }

  private byte[] exactly(int length) throws IOException {
    byte[] body = new byte[length];
    read(body, 0, length);
    return body;
  }

  private void read(byte[] target, int offset, int length) throws IOException {
    while (length > 0) {
      if (position == limit && !fill()) {
        throw new EOFException("the connection closed in the middle of the answer");
      }
      int count = Math.min(length, limit - position);
      System.arraycopy(buffer, position, target, offset, count);
      position += count;
      offset += count;
      length -= count;
    }
  }

  /** A line without its CRLF (a bare LF is accepted too, RFC 9112 section 2.2). */
  private String line() throws IOException {
    StringBuilder line = null;
    while (true) {
      if (position == limit && !fill()) {
        throw new EOFException("the connection closed in the middle of the answer");
      }
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
          String text = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
          position = i + 1;
          if (line == null) {
            return text;
          }
          // A CR at the end of the previous part belongs to this line's CRLF.
          return strip(line.append(text));
        }
      }
      if (line == null) {
        line = new StringBuilder();
      }
      line.append(new String(buffer, position, limit - position, StandardCharsets.ISO_8859_1));
      position = limit;
      if (line.length() > MAX_LINE_BYTES) {
        throw new NotHttp("the answer has a line longer than " + MAX_LINE_BYTES + " bytes");
      }
    }
  }

  private static String strip(StringBuilder line) {
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }

  /** Waits for the first bytes of the next answer; false when the connection ended first. */
  boolean awaitAnswer() throws IOException {
    return position < limit || fill();
  }

  /** Reads more into an empty buffer; false at the end of the stream. */
  private boolean fill() throws IOException {
    int count = in.read(buffer, 0, buffer.length);
    if (count < 0) {
      return false;
    }
    position = 0;
    limit = count;
    return true;
  }
}
