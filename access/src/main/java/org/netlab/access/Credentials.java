package org.netlab.access;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * What a call showed of its caller, as its transport found it: a bearer token from its {@code
 * authorization} header, the names in a client certificate that TLS verified, and the address it
 * came from.
 *
 * @param token the bearer token, or null when none was sent
 * @param certificateNames the verified client certificate's common name and subject alternative
 *     names, empty without one
 * @param source the caller's IP address, which rate limits of anonymous callers and of failed
 *     authentications are kept by; null when unknown (an in-process call)
 */
public record Credentials(String token, List<String> certificateNames, InetAddress source) {
  public Credentials {
    certificateNames = List.copyOf(certificateNames);
  }

  /** The token never appears in logs, exceptions or test reports. */
  @Override
  public String toString() {
    return "Credentials[token="
        + (token == null ? "none" : "(hidden)")
        + ", certificateNames="
        + certificateNames
        + ", source="
        + (source == null ? "unknown" : source.getHostAddress())
        + "]";
  }

  /**
   * What a connection shows before any header: the names of its verified client certificate, and
   * the IP address of {@code remote} (null when it is not an IP socket).
   */
  public static Credentials ofConnection(List<String> certificateNames, SocketAddress remote) {
    return new Credentials(
        null,
        certificateNames,
        remote instanceof InetSocketAddress inet ? inet.getAddress() : null);
  }

  /** Credentials from {@code source} with no identity. */
  public static Credentials none(InetAddress source) {
    return new Credentials(null, List.of(), source);
  }

  /** The same credentials with this bearer token. */
  public Credentials withToken(String bearerToken) {
    return new Credentials(Objects.requireNonNull(bearerToken), certificateNames, source);
  }
}
