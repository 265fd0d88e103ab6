package org.netlab.rpc.client.xmlrpc;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * POSTs bodies to one URL over HTTP/1.1 (RFC 9112) with keep-alive: a pool of connections, one per
 * call in flight, each reused by the next call once its answer is read. A call blocks its thread on
 * the socket; on a virtual thread that parks the virtual thread and holds no platform thread, so
 * thousands of calls may wait at once. No redirect is followed and no header but the fixed ones is
 * sent. Safe for any number of threads.
 *
 * <p>Limits: every connect, TLS handshake and read waits at most the timeout; a status line or
 * header over 8 KiB, more than 100 headers or a body over the body limit fails the call and closes
 * its connection; a connection idle for longer than {@link #MAX_IDLE} is closed rather than reused,
 * before a server's own idle timeout (netlab's: 30 s) can close it under a request.
 */
final class KeepAliveHttpClient implements AutoCloseable {
  /** How long a connection may stay idle in the pool and still be reused. */
  static final Duration MAX_IDLE = Duration.ofSeconds(20);

  private static final int MAX_LINE_BYTES = 8 * 1024;
  private static final int MAX_HEADERS = 100;

  /** The CRLF that ends the last header line, then the empty line that ends the head. */
  private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

  /** An answer: its status code and its body (empty when it has none). */
  record Response(int status, byte[] body) {}

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

  /** The server closed the connection, or reset it, before a byte of the answer came. */
  static final class ClosedBeforeAnswer extends IOException {
    private static final long serialVersionUID = 1L;

    ClosedBeforeAnswer(Throwable cause) {
      super("the server closed the connection before answering", cause);
    }
  }

  private final String host;
  private final int port;
  private final SSLContext tls;
  private final int timeoutMillis;
  private final int maxBodyBytes;
  private final byte[] head;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param url an {@code http} or {@code https} URL
   * @param tls the trust and client certificate of {@code https}; null for {@code http}
   * @param timeout the longest wait for a connection, a handshake, or any read of an answer
   * @param headers extra header lines, such as {@code Authorization: Bearer T}, without CRLF
   */
  KeepAliveHttpClient(
      URI url, SSLContext tls, Duration timeout, int maxBodyBytes, String... headers) {
    boolean https = "https".equalsIgnoreCase(url.getScheme());
    if (https != (tls != null)) {
      throw new IllegalArgumentException("TLS settings go with https and only with https: " + url);
    }
    this.host = url.getHost();
    this.port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
    this.tls = tls;
    this.timeoutMillis = Math.toIntExact(Math.max(1, timeout.toMillis()));
    this.maxBodyBytes = maxBodyBytes;
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      path += "?" + url.getRawQuery();
    }
    StringBuilder lines = new StringBuilder(256);
    lines.append("POST ").append(path).append(" HTTP/1.1\r\n");
    lines.append("Host: ").append(url.getRawAuthority().replaceFirst("^.*@", "")).append("\r\n");
    for (String header : headers) {
      lines.append(header).append("\r\n");
    }
    lines.append("Content-Length: ");
    this.head = lines.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * POSTs a body and reads the whole answer, on a pooled connection or a new one. A connection
   * taken from the pool that turns out to have been closed by the server before it read anything is
   * replaced by a new one, once.
   *
   * @throws IOException when no whole answer came: see {@link TooLarge}, {@link NotHttp}, {@link
   *     ClosedBeforeAnswer}, and the JDK's socket, TLS and timeout exceptions
   */
  Response post(byte[] body) throws IOException {
    if (closed.get()) {
      throw new IllegalStateException("this HTTP client is closed");
    }
    Connection pooled = pooled();
    if (pooled != null) {
      try {
        return exchange(pooled, body);
      } catch (ClosedBeforeAnswer stale) {
        // A connection the server closed while it sat in the pool: it never saw the request.
        // An interrupted caller's socket is closed by the interrupt: that one is not retried.
        if (Thread.currentThread().isInterrupted()) {
          throw stale;
        }
      }
    }
    return exchange(open(), body);
  }

  private Response exchange(Connection connection, byte[] body) throws IOException {
    boolean reusable = false;
    try {
      Response response = connection.exchange(body);
      reusable = connection.reusable;
      return response;
    } finally {
      if (reusable && !closed.get()) {
        connection.idleSince = System.nanoTime();
        idle.offerFirst(connection);
        if (closed.get() && idle.remove(connection)) {
          connection.close();
        }
      } else {
        connection.close();
      }
    }
  }

  /** The most recently used idle connection still fit for use, or null. */
  private Connection pooled() {
    long now = System.nanoTime();
    for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
      if (now - c.idleSince < MAX_IDLE.toNanos()) {
        return c;
      }
      c.close();
    }
    return null;
  }

  private Connection open() throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      if (tls != null) {
        SSLSocket secure =
            (SSLSocket) tls.getSocketFactory().createSocket(socket, host, port, true);
        SSLParameters parameters = secure.getSSLParameters();
        // Host name verification, as an https client does (RFC 9110, section 4.3.4).
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        secure.startHandshake();
        socket = secure;
      }
      return new Connection(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Closes the idle connections now and the busy ones when their answers are read. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
        c.close();
      }
    }
  }

  /** One connection and its read buffer; used by one call at a time. */
  private final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private boolean reusable;
    private long idleSince;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    Response exchange(byte[] body) throws IOException {
      reusable = false;
      byte[] length = Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII);
      // The head and the body in one write, so one TLS record and one segment for a small call.
      byte[] request = new byte[head.length + length.length + END_OF_HEAD.length + body.length];
      int at = 0;
      for (byte[] part : new byte[][] {head, length, END_OF_HEAD, body}) {
        System.arraycopy(part, 0, request, at, part.length);
        at += part.length;
      }
      try {
        out.write(request);
        out.flush();
        if (!fill()) {
          throw new ClosedBeforeAnswer(null);
        }
      } catch (SocketException e) {
        // Reset or broken pipe before any answer: the server had closed the connection.
        throw new ClosedBeforeAnswer(e);
      }
      return read();
    }

    private Response read() throws IOException {
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
            case "transfer-encoding" ->
                chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
            case "connection" -> {
              String option = value.toLowerCase(Locale.ROOT);
              close = option.contains("close") || (http10 && !option.contains("keep-alive"));
            }
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
        reusable = !close && position == limit;
        return new Response(status, body);
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

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // Nothing more to release.
      }
    }
  }
}
