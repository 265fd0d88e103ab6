package org.netlab.rpc.client.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.Set;
import java.util.UUID;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc;
import org.netlab.rpc.contract.IdempotencyKeys;

/**
 * Gives every phonebook write a fresh idempotency key, once per logical call: the channel's retries
 * send the same headers again, so every attempt of one call carries the same key, and the server
 * applies the write once however many attempts reach it.
 */
final class IdempotencyKeyInterceptor implements ClientInterceptor {
  private static final Set<String> WRITES =
      Set.of(
          PhonebookServiceGrpc.getAddEntryMethod().getFullMethodName(),
          PhonebookServiceGrpc.getUpdateEntryMethod().getFullMethodName(),
          PhonebookServiceGrpc.getRemoveEntryMethod().getFullMethodName(),
          PhonebookServiceGrpc.getRemoveAllMethod().getFullMethodName());

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    ClientCall<Q, R> call = next.newCall(method, options);
    if (!WRITES.contains(method.getFullMethodName())) {
      return call;
    }
    return new SimpleForwardingClientCall<>(call) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        headers.put(IdempotencyKeys.GRPC_KEY, UUID.randomUUID().toString());
        super.start(listener, headers);
      }
    };
  }
}
