package org.netlab.labs.ftp.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An {@code ftp://[user@]host[:port]/path} URL (RFC 1738 section 3.2). The path is taken from the
 * server's root and percent-decoded; a trailing slash marks a directory.
 */
public record FtpUrl(String host, int port, String user, String path) {
  public static final int DEFAULT_PORT = 21;

  public static FtpUrl parse(String text) {
    if (!text.regionMatches(true, 0, "ftp://", 0, 6)) {
      throw new IllegalArgumentException(text + ": not an ftp:// URL");
    }
    String rest = text.substring(6);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "/" : decode(rest.substring(slash));
    String user = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      user = decode(authority.substring(0, at));
      authority = authority.substring(at + 1);
    }
    String host = authority;
    int port = DEFAULT_PORT;
    int colon = authority.lastIndexOf(':');
    if (colon >= 0 && !authority.endsWith("]")) {
      host = authority.substring(0, colon);
      try {
        port = Integer.parseInt(authority.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(text + ": bad port");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(text + ": port must be from 1 to 65535");
      }
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException(text + ": no host");
    }
    return new FtpUrl(host, port, user, path);
  }

  public boolean isDirectory() {
    return path.endsWith("/");
  }

  /** The last name of the path, or empty for a directory. */
  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String decode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()) {
        try {
          bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
          i += 2;
          continue;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad percent escape in " + text);
        }
      }
      bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
    }
    String decoded = bytes.toString(StandardCharsets.UTF_8);
    if (decoded.chars().anyMatch(ch -> ch < 0x20)) {
      throw new IllegalArgumentException("control characters in " + text);
    }
    return decoded;
  }
}
