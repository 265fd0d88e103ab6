package org.netlab.rpc.client.grpc;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.netlab.rpc.contract.BearerAuthorization;

/**
 * Puts {@code authorization: Bearer TOKEN} on every call of a channel. It goes with or without TLS:
 * whoever names a {@code grpc://} server has chosen plain text for the call and its token alike, as
 * with {@code http://} over XML-RPC.
 */
final class BearerTokenCredentials extends CallCredentials {
  private final String token;

  BearerTokenCredentials(String token) {
    this.token = Objects.requireNonNull(token, "token");
  }

  @Override
  public void applyRequestMetadata(
      RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
    Metadata headers = new Metadata();
    headers.put(BearerAuthorization.GRPC_KEY, BearerAuthorization.value(token));
    applier.apply(headers);
  }

  @Override
  public String toString() {
    return "BearerTokenCredentials[(hidden)]";
  }
}
