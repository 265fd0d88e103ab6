package org.netlab.rpc.server.grpc;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs one debug line per finished or cancelled call: method, status, duration and peer. */
final class CallLogInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(CallLogInterceptor.class);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!log.isDebugEnabled()) {
      return next.startCall(call, headers);
    }
    long start = System.nanoTime();
    AtomicBoolean logged = new AtomicBoolean();
    Consumer<Status.Code> logOnce =
        code -> {
          if (logged.compareAndSet(false, true)) {
            log.debug(
                "{} {} {} us from {}",
                call.getMethodDescriptor().getFullMethodName(),
                code,
                (System.nanoTime() - start) / 1_000,
                call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
          }
        };
    ServerCall.Listener<Q> listener =
        next.startCall(
            new SimpleForwardingServerCall<>(call) {
              @Override
              public void close(Status status, Metadata trailers) {
                logOnce.accept(status.getCode());
                super.close(status, trailers);
              }
            },
            headers);
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onCancel() {
        // The client left or its deadline passed: the call ends without a close.
        logOnce.accept(Status.Code.CANCELLED);
        super.onCancel();
      }
    };
  }
}
