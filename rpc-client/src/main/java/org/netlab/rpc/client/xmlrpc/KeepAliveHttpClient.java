package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.netlab.rpc.client.xmlrpc.HttpAnswerReader.Response;

/**
 * POSTs bodies to one URL over HTTP/1.1 (RFC 9112) with keep-alive: a pool of connections, one per
 * call in flight, each reused by the next call once its answer is read. A call blocks its thread on
 * the socket; on a virtual thread that parks the virtual thread and holds no platform thread, so
 * thousands of calls may wait at once. No redirect is followed. The head is made once, with the
 * fixed headers; a request may add lines of its own (an idempotency key) after them. Safe for any
 * number of threads.
 *
 * <p>Limits: every connect, TLS handshake and read waits at most the timeout; an answer over the
 * limits of {@link HttpAnswerReader} fails the call and closes its connection; a connection idle
 * for longer than {@link #MAX_IDLE} is closed rather than reused, before a server's own idle
 * timeout (netlab's: 30 s) can close it under a request.
 */
final class KeepAliveHttpClient implements AutoCloseable {
  /** How long a connection may stay idle in the pool and still be reused. */
  static final Duration MAX_IDLE = Duration.ofSeconds(20);

  /** The CRLF that ends the last header line, then the empty line that ends the head. */
  private static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

  private static final byte[] CONTENT_LENGTH =
      "Content-Length: ".getBytes(StandardCharsets.US_ASCII);

  /**
   * No connection was made: the connect or the TLS handshake failed, so the server never saw the
   * request. Its cause is the JDK's exception.
   */
  static final class NotConnected extends IOException {
    private static final long serialVersionUID = 1L;

    NotConnected(IOException cause) {
      super(cause.getMessage(), cause);
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
   * @param headers the header lines of every request, such as {@code Authorization: Bearer T},
   *     without CRLF
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
      lines.append(requireOneLine(header)).append("\r\n");
    }
    this.head = lines.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * POSTs a body and reads the whole answer, on a pooled connection or a new one. A connection
   * taken from the pool that turns out to have been closed by the server before it read anything is
   * replaced by a new one, once.
   *
   * @param timeout the longest wait for the connection, the handshake and each read of this call,
   *     at most the client's own timeout
   * @param extraHeaders header lines of this request only, such as {@code Idempotency-Key: K},
   *     without CRLF
   * @throws IOException when no whole answer came: see {@link NotConnected}, {@link
   *     ClosedBeforeAnswer}, {@link HttpAnswerReader.TooLarge}, {@link HttpAnswerReader.NotHttp},
   *     and the JDK's socket and timeout exceptions
   * @throws IllegalArgumentException when a header line holds a CR or LF
   */
  Response post(byte[] body, Duration timeout, String... extraHeaders) throws IOException {
    if (closed.get()) {
      throw new IllegalStateException("this HTTP client is closed");
    }
    int waitMillis = (int) Math.max(1, Math.min(timeoutMillis, timeout.toMillis()));
    byte[] extra = extraLines(extraHeaders);
    Connection pooled = pooled();
    if (pooled != null) {
      try {
        return exchange(pooled, waitMillis, extra, body);
      } catch (ClosedBeforeAnswer stale) {
        // A connection the server closed while it sat in the pool: it never saw the request.
        // An interrupted caller's socket is closed by the interrupt: that one is not retried.
        if (Thread.currentThread().isInterrupted()) {
          throw stale;
        }
      }
    }
    return exchange(open(waitMillis), waitMillis, extra, body);
  }

  private static byte[] extraLines(String[] headers) {
    if (headers.length == 0) {
      return new byte[0];
    }
    StringBuilder lines = new StringBuilder(64);
    for (String header : headers) {
      lines.append(requireOneLine(header)).append("\r\n");
    }
    return lines.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A CR or LF in a header would end it early and let its value write more of the request. */
  private static String requireOneLine(String header) {
    if (header.indexOf('\r') >= 0 || header.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a header line holds a line break");
    }
    return header;
  }

  private Response exchange(Connection connection, int waitMillis, byte[] extra, byte[] body)
      throws IOException {
    boolean reusable = false;
    try {
      Response response = connection.exchange(waitMillis, extra, body);
      reusable = response.reusable();
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

  /**
   * @throws NotConnected when the connect or the TLS handshake failed
   */
  private Connection open(int waitMillis) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), waitMillis);
      socket.setSoTimeout(waitMillis);
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
    } catch (IOException e) {
      socket.close();
      throw new NotConnected(e);
    } catch (RuntimeException e) {
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

  /** One connection and the reader of its answers; used by one call at a time. */
  private final class Connection {
    private final Socket socket;
    private final HttpAnswerReader answers;
    private final OutputStream out;
    private long idleSince;
    private int readTimeoutMillis;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.answers = new HttpAnswerReader(socket.getInputStream(), maxBodyBytes);
      this.out = socket.getOutputStream();
    }

    Response exchange(int waitMillis, byte[] extra, byte[] body) throws IOException {
      if (waitMillis != readTimeoutMillis) {
        socket.setSoTimeout(waitMillis);
        readTimeoutMillis = waitMillis;
      }
      byte[] length = Integer.toString(body.length).getBytes(StandardCharsets.US_ASCII);
      // The head and the body in one write, so one TLS record and one segment for a small call.
      byte[][] parts = {head, extra, CONTENT_LENGTH, length, END_OF_HEAD, body};
      int size = 0;
      for (byte[] part : parts) {
        size += part.length;
      }
      byte[] request = new byte[size];
      int at = 0;
      for (byte[] part : parts) {
        System.arraycopy(part, 0, request, at, part.length);
        at += part.length;
      }
      try {
        out.write(request);
        out.flush();
        if (!answers.awaitAnswer()) {
          throw new ClosedBeforeAnswer(null);
        }
      } catch (SocketException e) {
        // Reset or broken pipe before any answer: the server had closed the connection.
        throw new ClosedBeforeAnswer(e);
      }
      return answers.read();
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
