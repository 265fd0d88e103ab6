package org.netlab.labs.finger;

/**
 * The finger server a query is sent to: a host and a TCP port, written {@code host} or {@code
 * host:port} (on the command line, and as the next hop of a forwarded {@code user@host} query).
 *
 * @param host a host name or IPv4 address
 * @param port 1 to 65535
 */
public record FingerServerAddress(String host, int port) {
  public FingerServerAddress {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
    }
  }

  /**
   * Parses {@code host} or {@code host:port}.
   *
   * @throws IllegalArgumentException when the port is not a number from 1 to 65535
   */
  public static FingerServerAddress parse(String text, int defaultPort) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      return new FingerServerAddress(text, defaultPort);
    }
    String port = text.substring(colon + 1);
    if (!port.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException("invalid port '" + port + "'");
    }
    return new FingerServerAddress(text.substring(0, colon), Integer.parseInt(port));
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
