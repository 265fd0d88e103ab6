package org.netlab.labs.vault.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A CIDR range of IPv4 or IPv6 addresses, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is
 * a range of one. Written with its host bits zero, so a typo such as {@code 10.0.0.1/8} is not
 * taken silently for something else.
 */
public record AddressRange(InetAddress network, int prefixLength) {
  /** 127.0.0.0/8 and ::1: the default when no range is given. */
  public static final java.util.List<AddressRange> LOOPBACK =
      java.util.List.of(parse("127.0.0.0/8"), parse("::1/128"));

  /** Every address, IPv4 and IPv6. */
  public static final java.util.List<AddressRange> ANY =
      java.util.List.of(parse("0.0.0.0/0"), parse("::/0"));

  public AddressRange {
    Objects.requireNonNull(network, "network");
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length must be 0 to " + bits);
    }
  }

  /**
   * Parses {@code ADDRESS} or {@code ADDRESS/PREFIX}; literal addresses only, never a name lookup.
   *
   * @throws IllegalArgumentException with a message naming what is wrong
   */
  public static AddressRange parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    boolean v4 = address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    boolean v6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      throw new IllegalArgumentException(text + " is not an IPv4 or IPv6 address or range");
    }
    if (v4) {
      for (String part : address.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          throw new IllegalArgumentException(text + " is not an IPv4 address");
        }
      }
    }
    InetAddress network;
    try {
      network = InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(text + " is not an IPv4 or IPv6 address or range");
    }
    int bits = network.getAddress().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String prefixText = trimmed.substring(slash + 1);
      if (!prefixText.matches("[0-9]{1,3}") || Integer.parseInt(prefixText) > bits) {
        throw new IllegalArgumentException(text + ": the prefix length must be 0 to " + bits);
      }
      prefix = Integer.parseInt(prefixText);
    }
    AddressRange range = new AddressRange(network, prefix);
    if (!range.contains(network) || hostBitsSet(network.getAddress(), prefix)) {
      throw new IllegalArgumentException(
          text + " has host bits set; the range is written with them zero");
    }
    return range;
  }

  /** Whether {@code address} is in this range; an IPv4 address is never in an IPv6 range. */
  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    byte[] mine = network.getAddress();
    if (candidate.length != mine.length) {
      return false;
    }
    int whole = prefixLength / 8;
    for (int i = 0; i < whole; i++) {
      if (candidate[i] != mine[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (candidate[whole] & mask) == (mine[whole] & mask);
  }

  private static boolean hostBitsSet(byte[] address, int prefix) {
    for (int bit = prefix; bit < address.length * 8; bit++) {
      if ((address[bit / 8] >> (7 - bit % 8) & 1) != 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }
}
