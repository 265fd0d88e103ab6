package org.netlab.rpc.server.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.netlab.rpc.contract.ServedBy;

/** Adds the server's name to the trailers of every call, refusals and health checks included. */
final class ServedByInterceptor implements ServerInterceptor {
  private final String name;

  ServedByInterceptor(String name) {
    this.name = ServedBy.checked(name);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return next.startCall(
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            trailers.put(ServedBy.GRPC_KEY, name);
            super.close(status, trailers);
          }
        },
        headers);
  }
}
