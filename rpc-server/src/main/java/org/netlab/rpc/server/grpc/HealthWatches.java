package org.netlab.rpc.server.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health service's open {@code Watch} calls, which a stopping server ends itself: clients that
 * balance over several servers keep one open per connection, and a server that waited for them to
 * end would wait out its whole grace period though no call of the services is left.
 */
final class HealthWatches implements ServerInterceptor {
  private static final String WATCH = HealthGrpc.getWatchMethod().getFullMethodName();

  private final Set<ServerCall<?, ?>> open = ConcurrentHashMap.newKeySet();

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!WATCH.equals(call.getMethodDescriptor().getFullMethodName())) {
      return next.startCall(call, headers);
    }
    ServerCall<Q, R> watch =
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            open.remove(this);
            super.close(status, trailers);
          }
        };
    open.add(watch);
    return new SimpleForwardingServerCallListener<>(next.startCall(watch, headers)) {
      @Override
      public void onCancel() {
        open.remove(watch);
        super.onCancel();
      }
    };
  }

  /**
   * Ends every open watch with {@code UNAVAILABLE}. Called once the health service is in its
   * terminal state, so no watch is being written to meanwhile.
   */
  void endAll() {
    for (ServerCall<?, ?> watch : open) {
      try {
        watch.close(Status.UNAVAILABLE.withDescription("the server is stopping"), new Metadata());
      } catch (IllegalStateException alreadyClosed) {
        open.remove(watch);
      }
    }
  }
}
