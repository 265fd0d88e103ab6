package org.netlab.rpc.server.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.netlab.access.Role;
import org.netlab.access.TokenAdministration;
import org.netlab.access.TokenRecord;
import org.netlab.domain.ServiceException;
import org.netlab.proto.admin.v1.CreateTokenRequest;
import org.netlab.proto.admin.v1.CreateTokenResponse;
import org.netlab.proto.admin.v1.ListTokensRequest;
import org.netlab.proto.admin.v1.ListTokensResponse;
import org.netlab.proto.admin.v1.RevokeTokenRequest;
import org.netlab.proto.admin.v1.RevokeTokenResponse;
import org.netlab.proto.admin.v1.TokenInfo;
import org.netlab.proto.admin.v1.TokenServiceGrpc;

/**
 * Token management over gRPC, for admins (the {@link AccessInterceptor} checks that): messages in,
 * a {@link TokenAdministration} call, messages out.
 */
public final class TokenGrpcService extends TokenServiceGrpc.TokenServiceImplBase {
  private final TokenAdministration tokens;

  public TokenGrpcService(TokenAdministration tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public void createToken(
      CreateTokenRequest request, StreamObserver<CreateTokenResponse> response) {
    if (request.getLifetimeSeconds() < 0) {
      throw ServiceException.invalidArgument("lifetime_seconds must not be negative");
    }
    TokenAdministration.IssuedToken issued =
        tokens.create(
            request.getName(),
            role(request.getRole()),
            request.getLifetimeSeconds() == 0
                ? null
                : Duration.ofSeconds(request.getLifetimeSeconds()));
    response.onNext(
        CreateTokenResponse.newBuilder()
            .setInfo(info(issued.record()))
            .setToken(issued.token())
            .build());
    response.onCompleted();
  }

  @Override
  public void listTokens(ListTokensRequest request, StreamObserver<ListTokensResponse> response) {
    ListTokensResponse.Builder list = ListTokensResponse.newBuilder();
    tokens.list().forEach(token -> list.addTokens(info(token)));
    response.onNext(list.build());
    response.onCompleted();
  }

  @Override
  public void revokeToken(
      RevokeTokenRequest request, StreamObserver<RevokeTokenResponse> response) {
    tokens.revoke(request.getName());
    response.onNext(RevokeTokenResponse.getDefaultInstance());
    response.onCompleted();
  }

  private static Role role(org.netlab.proto.admin.v1.Role role) {
    return switch (role) {
      case ROLE_READER -> Role.READER;
      case ROLE_WRITER -> Role.WRITER;
      case ROLE_ADMIN -> Role.ADMIN;
      case ROLE_UNSPECIFIED, UNRECOGNIZED ->
          throw ServiceException.invalidArgument("role must be reader, writer or admin");
    };
  }

  private static org.netlab.proto.admin.v1.Role role(Role role) {
    return switch (role) {
      case READER -> org.netlab.proto.admin.v1.Role.ROLE_READER;
      case WRITER -> org.netlab.proto.admin.v1.Role.ROLE_WRITER;
      case ADMIN -> org.netlab.proto.admin.v1.Role.ROLE_ADMIN;
    };
  }

  private static TokenInfo info(TokenRecord token) {
    TokenInfo.Builder info =
        TokenInfo.newBuilder()
            .setName(token.name())
            .setRole(role(token.role()))
            .setCreated(timestamp(token.created()));
    if (token.expires() != null) {
      info.setExpires(timestamp(token.expires()));
    }
    return info.build();
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
