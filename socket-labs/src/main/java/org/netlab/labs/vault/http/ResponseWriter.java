package org.netlab.labs.vault.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;

/**
 * Writes responses on one connection. File bodies go out with {@code FileChannel.transferTo}
 * (sendfile) on a plaintext connection, and through a large buffer under TLS, which has to encrypt
 * every byte in user space anyway. Every chunk written counts as progress for the {@link
 * ConnectionWatch}: a client that stops reading stalls the write, and the watch closes the
 * connection.
 */
final class ResponseWriter {
  private static final String CRLF = "\r\n";

  /**
   * Bytes per write: small enough that a client reading slowly but steadily shows progress often,
   * large enough to keep the system calls few.
   */
  static final int CHUNK_BYTES = 64 * 1024;

  /** Files up to this size are read whole and sent with their head. */
  private static final int SMALL_FILE_BYTES = 16 * 1024;

  private final OutputStream out;
  private final SocketChannel channel;
  private final ConnectionWatch watch;
  private final Clock clock;
  private byte[] buffer;

  /**
   * @param socket the connection; when it has a channel (plaintext) file bodies use sendfile
   */
  ResponseWriter(Socket socket, boolean plaintext, ConnectionWatch watch, Clock clock)
      throws IOException {
    this.out = socket.getOutputStream();
    this.channel = plaintext ? socket.getChannel() : null;
    this.watch = watch;
    this.clock = clock;
  }

  /**
   * Writes {@code response}, its body only when {@code withBody}; returns the body bytes sent.
   * Closes the body's file whatever happens.
   */
  long write(Response response, boolean withBody) throws IOException {
    try (Response.Body body = response.body()) {
      StringBuilder head = new StringBuilder(256);
      HttpStatus status = response.status();
      head.append("HTTP/1.1 ").append(status.code()).append(' ').append(status.reason());
      head.append(CRLF);
      field(head, "Date", HttpDates.formatSecond(clock.instant()));
      field(head, "Server", "netlab-vault");
      for (RequestHead.Field field : response.fields()) {
        field(head, field.name(), field.value());
      }
      if (status.allowsBody()) {
        field(head, "Content-Length", Long.toString(body.length()));
      }
      if (response.close()) {
        field(head, "Connection", "close");
      }
      head.append(CRLF);
      byte[] headBytes = head.toString().getBytes(ISO_8859_1);
      watch.writing();
      try {
        if (!withBody || !status.allowsBody()) {
          send(headBytes, 0, headBytes.length);
          out.flush();
          return 0;
        }
        return switch (body) {
          case Response.Empty e -> {
            send(headBytes, 0, headBytes.length);
            yield 0;
          }
          case Response.Bytes bytes -> {
            byte[] all = new byte[headBytes.length + bytes.bytes().length];
            System.arraycopy(headBytes, 0, all, 0, headBytes.length);
            System.arraycopy(bytes.bytes(), 0, all, headBytes.length, bytes.bytes().length);
            send(all, 0, all.length);
            yield bytes.bytes().length;
          }
          case Response.FileRegion region -> {
            if (region.length() <= SMALL_FILE_BYTES) {
              yield sendWithHead(headBytes, region);
            }
            send(headBytes, 0, headBytes.length);
            yield channel != null ? sendfile(region) : copy(region);
          }
        };
      } finally {
        out.flush();
        watch.idle();
      }
    }
  }

  private void send(byte[] bytes, int offset, int length) throws IOException {
    for (int at = offset; at < offset + length; at += CHUNK_BYTES) {
      out.write(bytes, at, Math.min(CHUNK_BYTES, offset + length - at));
      watch.progress();
    }
  }

  /**
   * Sends with sendfile. A virtual thread's socket is non-blocking underneath, so when the socket's
   * buffer is full {@code transferTo} returns 0 instead of waiting; one block then goes through the
   * stream, whose write parks the thread until the client reads, and sendfile goes on after it.
   */
  private long sendfile(Response.FileRegion region) throws IOException {
    out.flush();
    long position = region.offset();
    long end = region.offset() + region.length();
    while (position < end) {
      long sent =
          region.file().transferTo(position, Math.min(CHUNK_BYTES * 2L, end - position), channel);
      if (sent <= 0) {
        sent = copyBlock(region.file(), position, end);
      }
      position += sent;
      watch.progress();
    }
    return region.length();
  }

  private long copy(Response.FileRegion region) throws IOException {
    long position = region.offset();
    long end = region.offset() + region.length();
    while (position < end) {
      position += copyBlock(region.file(), position, end);
    }
    return region.length();
  }

  /**
   * A small file goes out with its head in one write: one system call and one segment, where the
   * head then sendfile would take two of each.
   */
  private long sendWithHead(byte[] headBytes, Response.FileRegion region) throws IOException {
    int length = (int) region.length();
    byte[] all = new byte[headBytes.length + length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    ByteBuffer body = ByteBuffer.wrap(all, headBytes.length, length);
    long position = region.offset();
    while (body.hasRemaining()) {
      int read = region.file().read(body, position);
      if (read <= 0) {
        throw new IOException("the file ended before its announced length (truncated?)");
      }
      position += read;
    }
    send(all, 0, all.length);
    return length;
  }

  /** Reads one block of the file at {@code position} and writes it; returns its length. */
  private int copyBlock(FileChannel file, long position, long end) throws IOException {
    if (buffer == null) {
      buffer = new byte[CHUNK_BYTES * 2];
    }
    ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    wrapped.limit((int) Math.min(buffer.length, end - position));
    int read = file.read(wrapped, position);
    if (read <= 0) {
      throw new IOException("the file ended before its announced length (truncated?)");
    }
    send(buffer, 0, read);
    return read;
  }

  private static void field(StringBuilder head, String name, String value) {
    head.append(name).append(": ").append(value).append(CRLF);
  }
}
