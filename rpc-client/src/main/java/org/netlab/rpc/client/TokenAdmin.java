package org.netlab.rpc.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.netlab.rpc.client.grpc.GrpcTokenAdmin;
import org.netlab.rpc.client.xmlrpc.XmlRpcTokenAdmin;

/**
 * A server's tokens, managed remotely by an admin over either protocol ({@code
 * netlab.admin.v1.TokenService}, XML-RPC {@code token.*}). Refusals are the server's {@link
 * org.netlab.domain.ServiceException}s, as for the services: UNAUTHENTICATED, PERMISSION_DENIED for
 * a caller that is not an admin, ALREADY_EXISTS, NOT_FOUND.
 */
public interface TokenAdmin extends AutoCloseable {
  /**
   * A token as the server keeps it: never the token itself.
   *
   * @param role {@code reader}, {@code writer} or {@code admin}
   * @param expires null when it works until revoked
   */
  record TokenInfo(String name, String role, Instant created, Instant expires) {
    public TokenInfo {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(created, "created");
    }
  }

  /** A token just made, the only time the token itself is shown. */
  record IssuedToken(TokenInfo info, String token) {
    public IssuedToken {
      Objects.requireNonNull(info, "info");
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "IssuedToken[info=" + info + ", token=(hidden)]";
    }
  }

  /**
   * Makes a token.
   *
   * @param role {@code reader}, {@code writer} or {@code admin}
   * @param lifetime how long it works; null until revoked
   */
  IssuedToken create(String name, String role, Duration lifetime);

  /** Every token, by name. */
  List<TokenInfo> list();

  /** Deletes a token; it stops working at once. */
  void revoke(String name);

  @Override
  void close();

  /**
   * Opens token administration over the protocol the URL names; the settings' token must be an
   * admin's.
   *
   * @throws TransportException of kind {@code UNTRUSTED} when a TLS file cannot be read
   */
  static TokenAdmin open(ClientSettings settings) {
    RpcConnection.requireTlsFiles(settings);
    return switch (settings.url().protocol()) {
      case GRPC -> GrpcTokenAdmin.open(settings);
      case XML_RPC -> XmlRpcTokenAdmin.open(settings);
    };
  }
}
