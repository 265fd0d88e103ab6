package org.netlab.rpc.client.grpc;

import com.google.protobuf.Timestamp;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.netlab.proto.admin.v1.CreateTokenRequest;
import org.netlab.proto.admin.v1.CreateTokenResponse;
import org.netlab.proto.admin.v1.ListTokensRequest;
import org.netlab.proto.admin.v1.RevokeTokenRequest;
import org.netlab.proto.admin.v1.Role;
import org.netlab.proto.admin.v1.TokenServiceGrpc;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.TokenAdmin;
import org.netlab.rpc.client.TransportException;

/** {@link TokenAdmin} over gRPC: {@code netlab.admin.v1.TokenService}. */
public final class GrpcTokenAdmin implements TokenAdmin {
  private static final String ROLE_PREFIX = "ROLE_";

  private final GrpcConnection connection;

  private GrpcTokenAdmin(GrpcConnection connection) {
    this.connection = connection;
  }

  /**
   * @throws TransportException of kind {@code UNTRUSTED} when a TLS file cannot be used
   */
  public static TokenAdmin open(ClientSettings settings) {
    try {
      return new GrpcTokenAdmin(GrpcConnection.open(settings));
    } catch (IOException e) {
      throw new TransportException(
          TransportException.Kind.UNTRUSTED, "cannot use the TLS files: " + e.getMessage(), e);
    }
  }

  @Override
  public IssuedToken create(String name, String role, Duration lifetime) {
    CreateTokenRequest request =
        CreateTokenRequest.newBuilder()
            .setName(name)
            .setRole(role(role))
            .setLifetimeSeconds(lifetime == null ? 0 : Math.max(1, lifetime.toSeconds()))
            .build();
    CreateTokenResponse created = connection.call(() -> stub().createToken(request));
    return new IssuedToken(info(created.getInfo()), created.getToken());
  }

  @Override
  public List<TokenInfo> list() {
    return connection
        .call(() -> stub().listTokens(ListTokensRequest.getDefaultInstance()))
        .getTokensList()
        .stream()
        .map(GrpcTokenAdmin::info)
        .toList();
  }

  @Override
  public void revoke(String name) {
    connection.call(
        () -> stub().revokeToken(RevokeTokenRequest.newBuilder().setName(name).build()));
  }

  @Override
  public void close() {
    connection.close();
  }

  private TokenServiceGrpc.TokenServiceBlockingStub stub() {
    return connection.withDeadline(TokenServiceGrpc.newBlockingStub(connection.channel()));
  }

  /** An unknown role name goes as unspecified: the server says what roles there are. */
  private static Role role(String label) {
    try {
      return Role.valueOf(ROLE_PREFIX + label.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Role.ROLE_UNSPECIFIED;
    }
  }

  private static TokenInfo info(org.netlab.proto.admin.v1.TokenInfo token) {
    return new TokenInfo(
        token.getName(),
        role(token.getRole()),
        instant(token.getCreated()),
        token.hasExpires() ? instant(token.getExpires()) : null);
  }

  private static String role(Role role) {
    String name = role.name();
    return name.startsWith(ROLE_PREFIX) && role != Role.ROLE_UNSPECIFIED
        ? name.substring(ROLE_PREFIX.length()).toLowerCase(Locale.ROOT)
        : "unknown";
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
