package org.netlab.labs.vault.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netlab.labs.vault.HttpTokens;

/**
 * Reads an HTTP/1.1 response from a byte stream, as RFC 9112 frames it: the status line and header
 * fields within {@link #MAX_HEAD_BYTES}, then a body delimited by {@code Content-Length}, by {@code
 * Transfer-Encoding: chunked}, or by the end of the connection. Anything else is refused with a
 * {@link MalformedResponseException} that says what was wrong, rather than guessed at: a field line
 * with a space before its colon, both {@code Content-Length} and {@code Transfer-Encoding}, lengths
 * that disagree, a transfer coding other than chunked.
 */
public final class ResponseParser {
  /** The most a status line and header fields may take, line ends included. */
  public static final int MAX_HEAD_BYTES = 16 * 1024;

  /** The most 1xx answers skipped before the final one. */
  static final int MAX_INFORMATIONAL = 10;

  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.([01]) (\\d{3})(?: (.*))?");

  private ResponseParser() {}

  /**
   * Reads the status line and fields of the final answer, skipping 1xx answers before it. The
   * stream is left at the first byte of the body.
   *
   * @param in a buffered stream: it is read a byte at a time
   */
  public static ResponseHead readHead(InputStream in) throws IOException {
    for (int i = 0; i <= MAX_INFORMATIONAL; i++) {
      ResponseHead head = readOneHead(in);
      if (!head.isInformational()) {
        return head;
      }
      if (head.status() == 101) {
        throw new MalformedResponseException("101 Switching Protocols to a GET that asked none");
      }
    }
    throw new MalformedResponseException("more than " + MAX_INFORMATIONAL + " 1xx answers");
  }

  private static ResponseHead readOneHead(InputStream in) throws IOException {
    Budget budget = new Budget(MAX_HEAD_BYTES, "status line and header fields");
    String statusLine = readLine(in, budget);
    if (statusLine == null) {
      throw new MalformedResponseException(
          "the server closed the connection without answering"
              + " (is the scheme right, http:// or https://?)");
    }
    Matcher status = STATUS_LINE.matcher(statusLine);
    if (!status.matches()) {
      throw new MalformedResponseException(
          statusLine.startsWith("HTTP/")
              ? "not an HTTP/1.x status line: " + printable(statusLine)
              : "not HTTP (is the scheme right, http:// or https://?): " + printable(statusLine));
    }
    String reason = status.group(3) == null ? "" : status.group(3);
    checkValue(reason, "reason phrase");
    List<HttpFields.Field> fields = readFields(in, budget);
    return new ResponseHead(
        Integer.parseInt(status.group(1)),
        Integer.parseInt(status.group(2)),
        reason.strip(),
        new HttpFields(fields));
  }

  /** Field lines up to the empty line, obsolete line folding undone (RFC 9112 section 5.2). */
  private static List<HttpFields.Field> readFields(InputStream in, Budget budget)
      throws IOException {
    List<HttpFields.Field> fields = new ArrayList<>();
    while (true) {
      String line = readLine(in, budget);
      if (line == null) {
        throw new MalformedResponseException("the connection closed inside the header fields");
      }
      if (line.isEmpty()) {
        return fields;
      }
      char first = line.charAt(0);
      if (first == ' ' || first == '\t') {
        if (fields.isEmpty()) {
          throw new MalformedResponseException("white space before the first header field");
        }
        HttpFields.Field last = fields.removeLast();
        String more = line.strip();
        checkValue(more, "value of " + last.name());
        fields.add(new HttpFields.Field(last.name(), (last.value() + " " + more).strip()));
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new MalformedResponseException("header field without a name: " + printable(line));
      }
      String name = line.substring(0, colon);
      if (!HttpTokens.isToken(name)) {
        // Covers "Name : value", which RFC 9112 section 5.1 says to reject.
        throw new MalformedResponseException("bad header field name: " + printable(name));
      }
      String value = line.substring(colon + 1).strip();
      checkValue(value, "value of " + name);
      fields.add(new HttpFields.Field(name, value));
    }
  }

  /** How the body of {@code head} ends, and a stream that ends there. */
  public static InputStream body(ResponseHead head, InputStream in) throws IOException {
    int status = head.status();
    if (status == 204 || status == 304) {
      return InputStream.nullInputStream();
    }
    HttpFields fields = head.fields();
    List<String> codings = fields.elements("Transfer-Encoding");
    boolean hasLength = !fields.values("Content-Length").isEmpty();
    if (!fields.values("Transfer-Encoding").isEmpty()) {
      if (hasLength) {
        throw new MalformedResponseException(
            "both Content-Length and Transfer-Encoding (RFC 9112 section 6.3 calls it an error)");
      }
      if (!codings.equals(List.of("chunked"))) {
        throw new MalformedResponseException(
            "transfer coding " + String.join(", ", codings) + " is not supported, only chunked");
      }
      return new ChunkedBody(in);
    }
    long length = contentLength(fields);
    if (length >= 0) {
      return new FixedLengthBody(in, length);
    }
    return in;
  }

  /**
   * The {@code Content-Length}, or -1 when there is none. Repeated equal values are one length;
   * different ones, or anything but digits, are refused.
   */
  public static long contentLength(HttpFields fields) throws MalformedResponseException {
    long length = -1;
    for (String value : fields.values("Content-Length")) {
      for (String element : value.split(",", -1)) {
        long parsed = parseDecimal(element.strip(), "Content-Length");
        if (length >= 0 && parsed != length) {
          throw new MalformedResponseException("Content-Length values differ: " + value);
        }
        length = parsed;
      }
    }
    return length;
  }

  /** A non-negative decimal number, at most 18 digits so it fits a long. */
  static long parseDecimal(String text, String what) throws MalformedResponseException {
    if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new MalformedResponseException("bad " + what + ": " + printable(text));
    }
    return Long.parseLong(text);
  }

  /**
   * One line without its end (CRLF, or a bare LF, which RFC 9112 section 2.2 lets a recipient
   * take), decoded as ISO-8859-1 so every byte stays one char; null at end of stream before any
   * byte. A CR anywhere else is refused.
   */
  static String readLine(InputStream in, Budget budget) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(64);
    boolean sawCr = false;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (line.size() == 0 && !sawCr) {
          return null;
        }
        throw new MalformedResponseException("the connection closed in the middle of a line");
      }
      budget.spend();
      if (b == '\n') {
        return line.toString(ISO_8859_1);
      }
      if (sawCr) {
        throw new MalformedResponseException("a CR not followed by LF");
      }
      if (b == '\r') {
        sawCr = true;
      } else {
        line.write(b);
      }
    }
  }

  /** Field values and reason phrases: visible characters, space, tab, and bytes 0x80 and up. */
  private static void checkValue(String value, String what) throws MalformedResponseException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new MalformedResponseException(
            "control character 0x" + Integer.toHexString(c) + " in the " + what);
      }
    }
  }

  /** {@code text} as it can be shown on one line of a terminal, and short. */
  static String printable(String text) {
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < text.length() && shown.length() < 80; i++) {
      char c = text.charAt(i);
      shown.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return text.length() > 80 ? shown + "..." : shown.toString();
  }

  /** A count of bytes a part of a response may still take. */
  static final class Budget {
    private final String what;
    private final int limit;
    private int left;

    Budget(int limit, String what) {
      this.limit = limit;
      this.left = limit;
      this.what = what;
    }

    void spend() throws MalformedResponseException {
      if (--left < 0) {
        throw new MalformedResponseException(what + " longer than " + limit + " bytes");
      }
    }
  }
}
