package org.netlab.rpc.server.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Closes a call whose handler threw with the status {@link ErrorStatuses} gives, so service
 * adapters stay free of try/catch and every failure is mapped the same way. Without it gRPC would
 * answer {@code UNKNOWN}.
 */
final class ErrorMappingInterceptor implements ServerInterceptor {

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ClosingAwareCall<Q, R> tracked = new ClosingAwareCall<>(call);
    ServerCall.Listener<Q> listener = next.startCall(tracked, headers);
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        guard(() -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        guard(super::onHalfClose);
      }

      @Override
      public void onReady() {
        guard(super::onReady);
      }

      private void guard(Runnable step) {
        try {
          step.run();
        } catch (RuntimeException failure) {
          tracked.fail(failure);
        }
      }
    };
  }

  /** Remembers whether the call was closed, so a late failure does not close it twice. */
  private static final class ClosingAwareCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
    private boolean closed;

    ClosingAwareCall(ServerCall<Q, R> delegate) {
      super(delegate);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      closed = true;
      super.close(status, trailers);
    }

    void fail(RuntimeException failure) {
      if (closed || isCancelled()) {
        return;
      }
      Status status = ErrorStatuses.toStatus(getMethodDescriptor().getFullMethodName(), failure);
      close(status, ErrorStatuses.trailersFor(status));
    }
  }
}
