package org.netlab.rpc.server.grpc;

import io.grpc.Context;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.netlab.rpc.server.metrics.CallMeters;
import org.netlab.rpc.server.metrics.MethodMeter;

/**
 * Counts and times every call with the status it ends with, and counts it in flight meanwhile,
 * under the protocol it came by ({@link CallProtocol}: gRPC, or Connect through the gateway). A
 * call the client cancels, or whose deadline passes, ends as {@code CANCELLED}, once its service
 * has returned: until then it still holds a thread, so it is still in flight.
 */
final class CallMetricsInterceptor implements ServerInterceptor {
  private final CallMeters meters;

  /** Each method's meter, by protocol and full method name, made at its first call. */
  private final Map<CallProtocol, Map<String, MethodMeter>> known =
      new EnumMap<>(CallProtocol.class);

  CallMetricsInterceptor(CallMeters meters) {
    this.meters = meters;
    for (CallProtocol protocol : CallProtocol.values()) {
      known.put(protocol, new ConcurrentHashMap<>());
    }
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    MeteredCall<Q, R> metered = new MeteredCall<>(call, meter(call.getMethodDescriptor()));
    ServerCall.Listener<Q> listener;
    try {
      listener = next.startCall(metered, headers);
    } catch (RuntimeException e) {
      // gRPC answers a failed start with an UNKNOWN status that does not pass through here.
      metered.end(Status.Code.UNKNOWN);
      throw e;
    }
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onCancel() {
        // The client left or its deadline passed: the call ends without a close.
        metered.end(Status.Code.CANCELLED);
        super.onCancel();
      }
    };
  }

  private MethodMeter meter(MethodDescriptor<?, ?> method) {
    CallProtocol protocol = CallProtocol.current();
    Map<String, MethodMeter> byName = known.get(protocol);
    MethodMeter meter = byName.get(method.getFullMethodName());
    return meter != null
        ? meter
        : byName.computeIfAbsent(
            method.getFullMethodName(),
            name ->
                meters.method(
                    protocol.label(), method.getServiceName(), method.getBareMethodName()));
  }

  /** A call that reports its end once: at its close, or at its cancellation if that comes first. */
  private static final class MeteredCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
    private static final VarHandle ENDED;

    static {
      try {
        ENDED = MethodHandles.lookup().findVarHandle(MeteredCall.class, "ended", boolean.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final MethodMeter meter;
    private final long start;

    @SuppressWarnings("unused") // through ENDED
    private volatile boolean ended;

    MeteredCall(ServerCall<Q, R> delegate, MethodMeter meter) {
      super(delegate);
      this.meter = meter;
      this.start = meter.started();
    }

    @Override
    public void close(Status status, Metadata trailers) {
      // A service that answers after its client left closes with its own status, which nobody
      // receives; the call's context, cancelled as the client left, tells.
      end(Context.current().isCancelled() ? Status.Code.CANCELLED : status.getCode());
      super.close(status, trailers);
    }

    void end(Status.Code code) {
      if (ENDED.compareAndSet(this, false, true)) {
        meter.finished(start, code.name());
      }
    }
  }
}
