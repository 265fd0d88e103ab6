package org.netlab.rpc.server.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.netlab.access.Credentials;

/**
 * Hands the caller of a gateway call to the in-process gRPC server that serves it. The gateway
 * knows its caller from the HTTPS connection (certificate, address) and the request (token); the
 * in-process transport carries neither, so the gateway leaves the credentials here under a call
 * number it sends as metadata, and this server's interceptor takes them back into the call's {@link
 * Context}, where {@link AccessInterceptor} reads them. Only servers built by {@link
 * InProcessServices} have this interceptor: on the network the metadata means nothing.
 */
final class GatewayCallers implements ServerInterceptor {
  static final Metadata.Key<String> CALL_NUMBER =
      Metadata.Key.of("netlab-gateway-call", Metadata.ASCII_STRING_MARSHALLER);

  /** The caller of the gateway call being served; null for calls that came by gRPC. */
  static final Context.Key<Credentials> CREDENTIALS = Context.key("netlab-gateway-credentials");

  private final Map<String, Credentials> waiting = new ConcurrentHashMap<>();
  private final AtomicLong numbers = new AtomicLong();

  /** Leaves {@code credentials} for a call about to start; returns the number to send. */
  String leave(Credentials credentials) {
    String number = Long.toString(numbers.incrementAndGet());
    waiting.put(number, credentials);
    return number;
  }

  /** Forgets a call's credentials when it ended before the server took them. */
  void forget(String number) {
    waiting.remove(number);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String number = headers.get(CALL_NUMBER);
    Credentials credentials = number == null ? null : waiting.remove(number);
    if (credentials == null) {
      call.close(
          Status.INTERNAL.withDescription("a gateway call came without its caller"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    Context context =
        Context.current()
            .withValue(CREDENTIALS, credentials)
            .withValue(CallProtocol.KEY, CallProtocol.CONNECT);
    return Contexts.interceptCall(context, call, headers, next);
  }
}
