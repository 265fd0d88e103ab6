package org.netlab.rpc.server.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs one debug line per finished call: method, status, duration and peer. */
final class CallLogInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(CallLogInterceptor.class);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!log.isDebugEnabled()) {
      return next.startCall(call, headers);
    }
    long start = System.nanoTime();
    return next.startCall(
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            log.debug(
                "{} {} {} us from {}",
                getMethodDescriptor().getFullMethodName(),
                status.getCode(),
                (System.nanoTime() - start) / 1_000,
                getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
            super.close(status, trailers);
          }
        },
        headers);
  }
}
