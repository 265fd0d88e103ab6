package org.netlab.labs.vault.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.netlab.labs.vault.HttpTokens;

/**
 * Reads request heads from a connection, strictly (RFC 9112 sections 2 to 6), so that this server
 * and any proxy in front of it cannot disagree on where a request ends. Lines end with CRLF only; a
 * bare LF or a lone CR is refused. Refused with 400 as well, and the connection closed: a header
 * line starting with whitespace (obs-fold), whitespace before a colon, control characters in a
 * value, {@code Transfer-Encoding} on GET or HEAD or next to {@code Content-Length}, a body on GET
 * or HEAD, a {@code Content-Length} that is not one number, and a missing or repeated {@code Host}
 * in HTTP/1.1. Sizes are bounded: the request line by {@value #MAX_REQUEST_LINE_BYTES} bytes (414),
 * the header section by {@value #MAX_HEADER_SECTION_BYTES} bytes and {@value #MAX_FIELDS} fields
 * (431). Not thread-safe: one per connection.
 */
final class RequestHeadReader {
  static final int MAX_REQUEST_LINE_BYTES = 8 * 1024;
  static final int MAX_HEADER_SECTION_BYTES = 16 * 1024;
  static final int MAX_FIELDS = 100;

  /** RFC 9112 section 2.2: empty lines before a request line are skipped, up to a few. */
  private static final int MAX_LEADING_EMPTY_LINES = 4;

  private final InputStream in;
  private boolean started;

  /** Reads {@code in}, which should be buffered: this reads a byte at a time. */
  RequestHeadReader(InputStream in) {
    this.in = in;
  }

  /**
   * Reads the next request head.
   *
   * @param onFirstByte run once this head's first byte has come (to start its deadline)
   * @return null at end of stream before the head's first byte
   * @throws RequestHeadException when the head is refused; answer its status and close
   * @throws EOFException when the stream ends within a head
   * @throws java.net.SocketTimeoutException when a read timed out; {@link #started()} tells whether
   *     the head had begun
   */
  RequestHead read(Runnable onFirstByte) throws IOException, RequestHeadException {
    started = false;
    byte[] requestLine = null;
    for (int empty = 0; requestLine == null; empty++) {
      int first = in.read();
      if (first < 0) {
        return null;
      }
      if (!started) {
        started = true;
        onFirstByte.run();
      }
      byte[] line =
          readLine(first, MAX_REQUEST_LINE_BYTES, HttpStatus.URI_TOO_LONG, "request line");
      if (line.length > 0) {
        requestLine = line;
      } else if (empty == MAX_LEADING_EMPTY_LINES) {
        throw bad("too many empty lines before the request line");
      }
    }
    RequestHead partial = requestLine(new String(requestLine, ISO_8859_1));
    List<RequestHead.Field> fields = new ArrayList<>();
    int sectionBytes = 0;
    while (true) {
      int first = in.read();
      if (first < 0) {
        throw new EOFException("the connection ended within a request head");
      }
      int budget = MAX_HEADER_SECTION_BYTES - sectionBytes;
      byte[] line =
          readLine(first, budget, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "header section");
      sectionBytes += line.length + 2;
      if (line.length == 0) {
        break;
      }
      if (fields.size() == MAX_FIELDS) {
        throw new RequestHeadException(
            HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "more than " + MAX_FIELDS + " header fields");
      }
      fields.add(field(line));
    }
    RequestHead head =
        new RequestHead(partial.method(), partial.target(), partial.minorVersion(), fields);
    checkFraming(head);
    return head;
  }

  /** Whether the last {@link #read} had received a byte of its head. */
  boolean started() {
    return started;
  }

  /**
   * A line whose first byte is {@code first}, without its CRLF.
   *
   * @param limit bytes the line may hold, CRLF included
   */
  private byte[] readLine(int first, int limit, HttpStatus tooLong, String what)
      throws IOException, RequestHeadException {
    byte[] buffer = new byte[256];
    int length = 0;
    int b = first;
    while (true) {
      if (b < 0) {
        throw new EOFException("the connection ended within a request head");
      }
      if (b == '\n') {
        throw bad("a line ends with a bare LF; HTTP lines end with CRLF");
      }
      if (b == '\r') {
        int next = in.read();
        if (next != '\n') {
          if (next < 0) {
            throw new EOFException("the connection ended within a request head");
          }
          throw bad("a CR not followed by LF");
        }
        return java.util.Arrays.copyOf(buffer, length);
      }
      if (length + 2 >= limit) {
        throw new RequestHeadException(tooLong, what + " longer than " + limit + " bytes");
      }
      if (length == buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
      }
      buffer[length++] = (byte) b;
      b = in.read();
    }
  }

  private static RequestHead requestLine(String line) throws RequestHeadException {
    int first = line.indexOf(' ');
    int second = first < 0 ? -1 : line.indexOf(' ', first + 1);
    if (second < 0 || line.indexOf(' ', second + 1) >= 0) {
      throw bad("a request line is METHOD SP TARGET SP HTTP-VERSION, one space apart");
    }
    String method = line.substring(0, first);
    String target = line.substring(first + 1, second);
    String version = line.substring(second + 1);
    if (!HttpTokens.isToken(method)) {
      throw bad("the method is not a token");
    }
    if (target.isEmpty()) {
      throw bad("empty request target");
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw bad("the request target holds a control, space or non-ASCII character");
      }
    }
    if (!version.matches("HTTP/[0-9]\\.[0-9]")) {
      throw bad("the HTTP version is not HTTP/DIGIT.DIGIT");
    }
    if (version.charAt(5) != '1') {
      throw new RequestHeadException(
          HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "only HTTP/1.0 and HTTP/1.1 are served");
    }
    return new RequestHead(method, target, version.charAt(7) - '0', List.of());
  }

  private static RequestHead.Field field(byte[] line) throws RequestHeadException {
    if (line[0] == ' ' || line[0] == '\t') {
      throw bad("a header line starts with whitespace (obsolete line folding)");
    }
    String text = new String(line, ISO_8859_1);
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw bad("a header line without a colon");
    }
    String name = text.substring(0, colon);
    if (!name.isEmpty() && (name.endsWith(" ") || name.endsWith("\t"))) {
      throw bad("whitespace between a header name and its colon");
    }
    if (!HttpTokens.isToken(name)) {
      throw bad("a header name that is not a token");
    }
    String value = text.substring(colon + 1).strip();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw bad("a control character in the value of " + name);
      }
    }
    return new RequestHead.Field(name, value);
  }

  /** The message framing checks of RFC 9112 section 6, and Host (section 3.2). */
  private static void checkFraming(RequestHead head) throws RequestHeadException {
    boolean bodiless = head.method().equals("GET") || head.method().equals("HEAD");
    List<String> transferEncodings = head.values("Transfer-Encoding");
    List<String> lengths = head.values("Content-Length");
    if (!transferEncodings.isEmpty() && !lengths.isEmpty()) {
      throw bad("both Transfer-Encoding and Content-Length");
    }
    if (!transferEncodings.isEmpty() && bodiless) {
      throw bad("Transfer-Encoding on " + head.method());
    }
    if (!transferEncodings.isEmpty() && head.minorVersion() == 0) {
      throw bad("Transfer-Encoding in HTTP/1.0");
    }
    if (lengths.size() > 1) {
      throw bad("more than one Content-Length");
    }
    if (!lengths.isEmpty()) {
      long length = contentLength(lengths.get(0));
      if (length > 0 && bodiless) {
        throw bad("a body on " + head.method());
      }
    }
    List<String> hosts = head.values("Host");
    if (hosts.size() > 1) {
      throw bad("more than one Host");
    }
    if (hosts.isEmpty() && head.minorVersion() >= 1) {
      throw bad("no Host in an HTTP/1.1 request");
    }
    if (!hosts.isEmpty() && !hosts.get(0).matches("[A-Za-z0-9._~!$&'()*+,;=%:\\[\\]-]*")) {
      throw bad("Host is not host[:port]");
    }
  }

  /** The body length a request declares: 0 without Content-Length. */
  static long contentLength(RequestHead head) throws RequestHeadException {
    String value = head.value("Content-Length");
    return value == null ? 0 : contentLength(value);
  }

  private static long contentLength(String value) throws RequestHeadException {
    if (!value.matches("[0-9]{1,18}")) {
      throw bad("Content-Length is not one decimal number");
    }
    return Long.parseLong(value);
  }

  private static RequestHeadException bad(String message) {
    return new RequestHeadException(HttpStatus.BAD_REQUEST, message);
  }
}
