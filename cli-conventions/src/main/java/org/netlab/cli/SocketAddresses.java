package org.netlab.cli;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Addresses as logs and messages show them: {@code 127.0.0.1:2121}, {@code [::1]:2121}. */
public final class SocketAddresses {
  private SocketAddresses() {}

  /**
   * The address without the JDK's leading {@code /} or {@code hostname/} ; other kinds of address
   * as they print themselves.
   */
  public static String text(SocketAddress address) {
    if (!(address instanceof InetSocketAddress inet)) {
      return String.valueOf(address);
    }
    if (inet.getAddress() == null) {
      return inet.getHostString() + ":" + inet.getPort();
    }
    String host = inet.getAddress().getHostAddress();
    return (inet.getAddress() instanceof Inet6Address ? "[" + host + "]" : host)
        + ":"
        + inet.getPort();
  }
}
