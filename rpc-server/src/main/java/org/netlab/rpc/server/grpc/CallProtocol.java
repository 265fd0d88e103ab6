package org.netlab.rpc.server.grpc;

import io.grpc.Context;
import java.util.Locale;

/**
 * The protocol a call to the gRPC services arrived by: gRPC on the network, or Connect's JSON
 * through the gateway on the HTTPS port, which hands its calls to the same services in process.
 * Read it from the call's {@link Context}, e.g. to label metrics.
 */
public enum CallProtocol {
  GRPC,
  CONNECT;

  static final Context.Key<CallProtocol> KEY = Context.keyWithDefault("netlab-call-protocol", GRPC);

  /** The protocol of the call being served on this thread. */
  public static CallProtocol current() {
    return KEY.get();
  }

  /** The lower-case name, as in metric labels: {@code grpc}, {@code connect}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
