package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.TokenAdmin;
import org.netlab.rpc.client.TransportException;

/**
 * {@link TokenAdmin} over XML-RPC: {@code token.create}, {@code token.list}, {@code token.revoke},
 * whose tokens are structs {@code {name, role, created[, expires]}} with ISO-8601 times.
 */
public final class XmlRpcTokenAdmin implements TokenAdmin {
  private final XmlRpcServers servers;

  private XmlRpcTokenAdmin(XmlRpcServers servers) {
    this.servers = servers;
  }

  /**
   * @throws TransportException of kind {@code UNTRUSTED} when a TLS file cannot be used
   */
  public static TokenAdmin open(ClientSettings settings) {
    try {
      return new XmlRpcTokenAdmin(XmlRpcServers.open(settings));
    } catch (IOException e) {
      throw new TransportException(
          TransportException.Kind.UNTRUSTED, "cannot use the TLS files: " + e.getMessage(), e);
    }
  }

  @Override
  public IssuedToken create(String name, String role, Duration lifetime) {
    Map<?, ?> created =
        lifetime == null
            ? servers.call(Map.class, "token.create", name, role)
            : servers.call(
                Map.class,
                "token.create",
                name,
                role,
                Math.toIntExact(Math.max(1, lifetime.toSeconds())));
    return new IssuedToken(info(created), text(created, "token"));
  }

  @Override
  public List<TokenInfo> list() {
    List<TokenInfo> tokens = new ArrayList<>();
    for (Object token : servers.call(Object[].class, "token.list")) {
      if (!(token instanceof Map<?, ?> struct)) {
        throw unexpected("a token that is not a struct");
      }
      tokens.add(info(struct));
    }
    return tokens;
  }

  @Override
  public void revoke(String name) {
    servers.call(Boolean.class, "token.revoke", name);
  }

  @Override
  public void close() {
    servers.close();
  }

  private TokenInfo info(Map<?, ?> struct) {
    Object expires = struct.get("expires");
    return new TokenInfo(
        text(struct, "name"),
        text(struct, "role"),
        instant(text(struct, "created")),
        expires == null ? null : instant(expires.toString()));
  }

  private String text(Map<?, ?> struct, String member) {
    if (struct.get(member) instanceof String value) {
      return value;
    }
    throw unexpected("a token without its string member '" + member + "'");
  }

  private Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw unexpected("a time that is not ISO-8601");
    }
  }

  private TransportException unexpected(String what) {
    return new TransportException(
        TransportException.Kind.PROTOCOL,
        servers.where() + " answered " + what + "; is it a netlab server?",
        null);
  }
}
