package org.netlab.labs.vault.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A client that sends exactly the bytes a test gives and reads answers as they come, for every
 * input no HTTP library would send: it parses only what a test needs (status, fields, a body of
 * Content-Length bytes).
 */
final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** One answer. Field names are lower-case. */
  record Reply(int status, Map<String, List<String>> fields, byte[] body) {
    String field(String name) {
      List<String> values = fields.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    String text() {
      return new String(body, UTF_8);
    }

    boolean closes() {
      return "close".equalsIgnoreCase(field("Connection"));
    }
  }

  private RawHttp(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(15_000);
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static RawHttp connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return new RawHttp(socket);
  }

  /** Over TLS, offering only {@code protocols} when some are given. */
  static RawHttp connectTls(int port, SSLContext context, String... protocols) throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    if (protocols.length > 0) {
      socket.setEnabledProtocols(protocols);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(15_000);
    socket.startHandshake();
    return new RawHttp(socket);
  }

  /** A GET of {@code path} with Host, nothing else. */
  static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
  }

  RawHttp send(String text) throws IOException {
    return send(text.getBytes(ISO_8859_1));
  }

  RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  Socket socket() {
    return socket;
  }

  /** Reads one answer with its body. */
  Reply read() throws IOException {
    return read(true);
  }

  /** Reads one answer to a HEAD: its fields announce a body that does not follow. */
  Reply readHead() throws IOException {
    return read(false);
  }

  private Reply read(boolean withBody) throws IOException {
    String statusLine = line();
    if (!statusLine.matches("HTTP/1\\.1 [0-9]{3} .*")) {
      throw new IOException("not a status line: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      fields
          .computeIfAbsent(
              line.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).strip());
    }
    byte[] body = new byte[0];
    List<String> length = fields.get("content-length");
    if (withBody && length != null && status != 304) {
      body = in.readNBytes(Integer.parseInt(length.get(0)));
    }
    return new Reply(status, fields, body);
  }

  /**
   * Whether the server closed the connection: end of stream (or a reset) within {@code millis},
   * with no byte before it.
   */
  boolean closedWithin(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("closed within a response head after " + bytes.toString(ISO_8859_1));
      }
      if (b == '\n') {
        String line = bytes.toString(ISO_8859_1);
        if (!line.endsWith("\r")) {
          throw new IOException("a response line without CRLF: " + line);
        }
        return line.substring(0, line.length() - 1);
      }
      bytes.write(b);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
