package org.netlab.labs.ftp.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.netlab.labs.ftp.FtpPorts;

/**
 * An {@code ftp://[user@]host[:port]/path} URL (RFC 1738 section 3.2), or {@code ftps://} for
 * explicit FTPS (AUTH TLS on the same control port, RFC 4217). The path is taken from the server's
 * root and percent-decoded; a trailing slash marks a directory. The port defaults to {@code
 * ftpd}'s, {@link FtpPorts#DEFAULT}, not to 21, so that the two work together with no port given.
 *
 * @param tls whether the URL asks for TLS ({@code ftps://})
 */
public record FtpUrl(boolean tls, String host, int port, String user, String path) {
  public static final int DEFAULT_PORT = FtpPorts.DEFAULT;

  /** Whether {@code text} looks like a URL rather than a host name. */
  public static boolean isUrl(String text) {
    return text.contains("://");
  }

  /**
   * @throws IllegalArgumentException when {@code text} is not an ftp:// or ftps:// URL
   */
  public static FtpUrl parse(String text) {
    boolean tls;
    String rest;
    if (text.regionMatches(true, 0, "ftp://", 0, 6)) {
      tls = false;
      rest = text.substring(6);
    } else if (text.regionMatches(true, 0, "ftps://", 0, 7)) {
      tls = true;
      rest = text.substring(7);
    } else {
      throw new IllegalArgumentException(text + ": not an ftp:// or ftps:// URL");
    }
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
    return new FtpUrl(tls, host, port, user, path);
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
