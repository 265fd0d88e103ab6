package org.netlab.labs.ftp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address of a data connection as FTP writes it in commands and replies: {@code
 * h1,h2,h3,h4,p1,p2} of PORT and PASV (RFC 959) and {@code |proto|address|port|} of EPRT and EPSV
 * (RFC 2428). Parsers throw {@link IllegalArgumentException} with a message fit for a 501 reply.
 */
public final class DataAddress {
  private static final Pattern SIX_NUMBERS =
      Pattern.compile("(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})");
  private static final Pattern EPSV_REPLY = Pattern.compile("\\((.)\\1\\1(\\d{1,5})\\1\\)");

  private DataAddress() {}

  /** Parses the argument of PORT, or finds the six numbers in a 227 reply. */
  public static InetSocketAddress parseSixNumbers(String text) {
    Matcher m = SIX_NUMBERS.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("expected h1,h2,h3,h4,p1,p2");
    }
    byte[] address = new byte[4];
    for (int i = 0; i < 4; i++) {
      address[i] = (byte) octet(m.group(i + 1));
    }
    int port = octet(m.group(5)) * 256 + octet(m.group(6));
    try {
      return new InetSocketAddress(InetAddress.getByAddress(address), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  /** Formats an IPv4 address and port as PORT and PASV want them. */
  public static String formatSixNumbers(InetSocketAddress address) {
    if (!(address.getAddress() instanceof Inet4Address)) {
      throw new IllegalArgumentException("PORT and PASV carry only IPv4 addresses");
    }
    byte[] a = address.getAddress().getAddress();
    int port = address.getPort();
    return String.format(
        "%d,%d,%d,%d,%d,%d",
        a[0] & 0xff, a[1] & 0xff, a[2] & 0xff, a[3] & 0xff, port >> 8, port & 0xff);
  }

  /**
   * Parses the argument of EPRT, {@code |1|132.235.1.2|6275|} or {@code |2|::1|5282|}. The address
   * must be a literal: no name is ever looked up.
   */
  public static InetSocketAddress parseExtended(String text) {
    if (text.length() < 7) {
      throw new IllegalArgumentException("expected |protocol|address|port|");
    }
    String delimiter = Pattern.quote(text.substring(0, 1));
    String[] parts = text.split(delimiter, -1);
    if (parts.length != 5 || !parts[0].isEmpty() || !parts[4].isEmpty()) {
      throw new IllegalArgumentException("expected |protocol|address|port|");
    }
    String protocol = parts[1];
    if (!protocol.equals("1") && !protocol.equals("2")) {
      throw new UnsupportedProtocolException();
    }
    InetAddress address = literal(parts[2]);
    boolean v4 = address instanceof Inet4Address;
    if (v4 != protocol.equals("1")) {
      throw new IllegalArgumentException("address does not match protocol " + protocol);
    }
    return new InetSocketAddress(address, port(parts[3]));
  }

  /** Finds the port in a 229 reply, {@code Entering Extended Passive Mode (|||6446|)}. */
  public static int parseEpsvReply(String text) {
    Matcher m = EPSV_REPLY.matcher(text);
    if (!m.find()) {
      throw new IllegalArgumentException("no (|||port|) in the 229 reply");
    }
    return port(m.group(2));
  }

  /** Thrown by {@link #parseExtended} for a network protocol other than 1 (IPv4) or 2 (IPv6). */
  public static final class UnsupportedProtocolException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnsupportedProtocolException() {
      super("network protocol not supported, use (1,2)");
    }
  }

  private static int octet(String digits) {
    int value = Integer.parseInt(digits);
    if (value > 255) {
      throw new IllegalArgumentException(digits + " is not a number from 0 to 255");
    }
    return value;
  }

  private static int port(String digits) {
    if (!digits.matches("\\d{1,5}")) {
      throw new IllegalArgumentException("port must be a number");
    }
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be from 1 to 65535");
    }
    return port;
  }

  private static InetAddress literal(String text) {
    boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = text.matches("[0-9A-Fa-f:.]+") && text.contains(":");
    if (!v4 && !v6) {
      throw new IllegalArgumentException("address must be a numeric IPv4 or IPv6 literal");
    }
    try {
      // A literal never triggers a name lookup.
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad address " + text);
    }
  }
}
