package org.netlab.labs.vault.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A request line and its header fields as sent, checked for syntax and framing by {@link
 * RequestHeadReader}. Field names compare case-insensitively; values are ISO-8859-1 text with
 * surrounding whitespace removed.
 *
 * @param method the method token, case-sensitive ({@code GET}, not {@code get})
 * @param target the request target as sent, still percent-encoded
 * @param minorVersion 0 for HTTP/1.0, 1 for HTTP/1.1 (and later 1.x, answered as 1.1)
 * @param fields the header fields in the order sent
 */
public record RequestHead(String method, String target, int minorVersion, List<Field> fields) {
  /** One header field. */
  public record Field(String name, String value) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  public RequestHead {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    fields = List.copyOf(fields);
  }

  /** The request line as sent, for the access log. */
  public String requestLine() {
    return method + " " + target + " HTTP/1." + minorVersion;
  }

  /** Every value of the fields named {@code name}, in order. */
  public List<String> values(String name) {
    List<String> values = new ArrayList<>();
    for (Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        values.add(field.value());
      }
    }
    return values;
  }

  /** The value of the one field named {@code name}, or null when there is none. */
  public String value(String name) {
    for (Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        return field.value();
      }
    }
    return null;
  }

  /**
   * Whether the connection may carry another request after this one's answer: HTTP/1.1 unless
   * {@code Connection: close}, HTTP/1.0 only with {@code Connection: keep-alive} (RFC 9112 section
   * 9.3).
   */
  public boolean keepAlive() {
    boolean close = false;
    boolean keepAlive = false;
    for (String value : values("Connection")) {
      for (String option : value.split(",")) {
        String token = option.strip().toLowerCase(Locale.ROOT);
        close |= token.equals("close");
        keepAlive |= token.equals("keep-alive");
      }
    }
    return !close && (minorVersion >= 1 || keepAlive);
  }
}
