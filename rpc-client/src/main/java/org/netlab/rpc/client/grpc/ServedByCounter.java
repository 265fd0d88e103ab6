package org.netlab.rpc.client.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import org.netlab.rpc.client.ServedByTally;
import org.netlab.rpc.contract.ServedBy;

/** Counts, for each call that ends, the server its trailers name ({@code x-served-by}). */
final class ServedByCounter implements ClientInterceptor {
  private final ServedByTally tally;

  ServedByCounter(ServedByTally tally) {
    this.tally = tally;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(
            new SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onClose(Status status, Metadata trailers) {
                tally.count(trailers.get(ServedBy.GRPC_KEY));
                super.onClose(status, trailers);
              }
            },
            headers);
      }
    };
  }
}
