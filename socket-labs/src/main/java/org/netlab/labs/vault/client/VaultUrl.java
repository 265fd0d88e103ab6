package org.netlab.labs.vault.client;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.netlab.labs.vault.VaultPorts;

/**
 * An {@code http://} or {@code https://} URL as {@code vault} takes it: a host, a port ({@link
 * VaultPorts#DEFAULT} when none is given, where {@code vault-server} listens, for both schemes),
 * and a request target (path and query) ready to send: characters a request line cannot carry
 * (spaces, non-ASCII) are percent-encoded, escapes already there are kept. A fragment is dropped;
 * user information is refused, since a request line would not carry it.
 *
 * @param tls whether the URL is {@code https://}
 * @param target the request target, starting with {@code /}
 */
public record VaultUrl(boolean tls, String host, int port, String target) {
  public static final int DEFAULT_PORT = VaultPorts.DEFAULT;

  /**
   * @throws IllegalArgumentException when {@code text} is not an http:// or https:// URL this
   *     client can request
   */
  public static VaultUrl parse(String text) {
    boolean tls;
    String rest;
    if (text.regionMatches(true, 0, "http://", 0, 7)) {
      tls = false;
      rest = text.substring(7);
    } else if (text.regionMatches(true, 0, "https://", 0, 8)) {
      tls = true;
      rest = text.substring(8);
    } else {
      throw new IllegalArgumentException(text + ": not an http:// or https:// URL");
    }
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    int end = 0;
    while (end < rest.length() && rest.charAt(end) != '/' && rest.charAt(end) != '?') {
      end++;
    }
    String authority = rest.substring(0, end);
    String target = rest.substring(end);
    if (target.isEmpty() || target.startsWith("?")) {
      target = "/" + target;
    }
    if (authority.contains("@")) {
      throw new IllegalArgumentException(text + ": user names and passwords in URLs are not sent");
    }
    String host = authority;
    int port = DEFAULT_PORT;
    int colon = authority.lastIndexOf(':');
    if (colon >= 0 && colon > authority.lastIndexOf(']')) {
      host = authority.substring(0, colon);
      String digits = authority.substring(colon + 1);
      if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException(text + ": bad port");
      }
      port = Integer.parseInt(digits);
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(text + ": port must be from 1 to 65535");
      }
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty() || !host.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '%')) {
      throw new IllegalArgumentException(text + ": no host, or a host with spaces or non-ASCII");
    }
    return new VaultUrl(tls, host.toLowerCase(Locale.ROOT), port, encodeTarget(text, target));
  }

  /**
   * The URL a {@code Location} field names, resolved against this one (RFC 9110 section 10.2.2
   * allows a relative reference).
   *
   * @throws IllegalArgumentException when {@code location} is not a URL reference
   */
  public VaultUrl resolve(String location) {
    try {
      URI base = new URI(toString());
      return parse(base.resolve(new URI(encodeTarget(location, location))).toString());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + location, e);
    }
  }

  /** Whether {@code other} has the same scheme, host and port (RFC 6454 origin). */
  public boolean sameOrigin(VaultUrl other) {
    return tls == other.tls && host.equals(other.host) && port == other.port;
  }

  /** The path without its query, still percent-encoded. */
  public String path() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }

  /**
   * The last segment of the path, percent-decoded: the name a download is saved under. Empty for a
   * path that ends with {@code /}.
   *
   * @throws IllegalArgumentException when the name could not be a file name here
   */
  public String fileName() {
    String path = path();
    String name = decode(path.substring(path.lastIndexOf('/') + 1));
    if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\0")) {
      throw new IllegalArgumentException(this + ": no usable file name in the URL; give -o FILE");
    }
    return name;
  }

  /** The {@code Host} field: the port is left out when it is the scheme's own (RFC 9110 7.2). */
  public String hostField() {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return port == (tls ? 443 : 80) ? shown : shown + ":" + port;
  }

  @Override
  public String toString() {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return (tls ? "https://" : "http://") + shown + ":" + port + target;
  }

  /** Percent-decodes {@code text} as UTF-8. */
  static String decode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()) {
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high >= 0 && low >= 0) {
          bytes.write(high * 16 + low);
          i += 2;
          continue;
        }
      }
      bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Percent-encodes what a request target cannot hold as it is: controls are refused, spaces,
   * quotes, angle brackets and non-ASCII are encoded as UTF-8, the rest is kept.
   */
  private static String encodeTarget(String url, String target) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : target.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(url + ": control characters in the URL");
      }
      if (c >= 0x80 || " \"<>\\^`{|}".indexOf(c) >= 0) {
        encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
      } else {
        encoded.append((char) c);
      }
    }
    return encoded.toString();
  }
}
