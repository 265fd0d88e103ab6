package org.netlab.rpc.server.access;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.netlab.rpc.contract.BearerAuthorization;
import org.netlab.rpc.server.LoopbackServer;

/**
 * A gRPC client that knows no service: it calls any method by its full name with an empty message,
 * through {@link ClientCall} and byte-array marshallers, so that a test can reach every method a
 * server serves whatever its message types. It trusts the server's CA and sends its token, if any,
 * as {@code authorization: Bearer TOKEN} metadata.
 */
final class RawGrpcCaller implements AutoCloseable {
  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private final ManagedChannel channel;
  private final String token;

  private RawGrpcCaller(ManagedChannel channel, String token) {
    this.channel = channel;
    this.token = token;
  }

  /** A caller of {@code server}'s gRPC endpoint sending {@code token}, or none when null. */
  static RawGrpcCaller open(LoopbackServer server, String token) throws IOException {
    TlsChannelCredentials.Builder tls =
        TlsChannelCredentials.newBuilder().trustManager(server.caFile().toFile());
    return new RawGrpcCaller(
        Grpc.newChannelBuilderForAddress("127.0.0.1", server.port(), tls.build()).build(), token);
  }

  /**
   * How a call ended.
   *
   * @param code its final status; CANCELLED after a streamed answer, which this client cuts short
   * @param description the status's description, for assertion messages
   * @param answered whether the server sent a message before the end
   */
  record Outcome(Status.Code code, String description, boolean answered) {
    @Override
    public String toString() {
      return code
          + (description == null ? "" : " " + description)
          + (answered ? " (answered)" : "");
    }
  }

  /**
   * Calls {@code fullMethodName} with one empty message and half-closes; for a method that streams
   * its answers, cancels the call after the first (health's Watch never ends by itself).
   */
  Outcome callWithEmptyMessage(String fullMethodName, MethodDescriptor.MethodType type)
      throws InterruptedException, ExecutionException, TimeoutException {
    MethodDescriptor<byte[], byte[]> method =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(type)
            .setFullMethodName(fullMethodName)
            .setRequestMarshaller(BYTES)
            .setResponseMarshaller(BYTES)
            .build();
    ClientCall<byte[], byte[]> call =
        channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    AtomicBoolean answered = new AtomicBoolean();
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onMessage(byte[] message) {
            answered.set(true);
            if (!type.serverSendsOneMessage()) {
              call.cancel("the first answer is enough", null);
            }
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            outcome.complete(
                new Outcome(status.getCode(), status.getDescription(), answered.get()));
          }
        },
        headers());
    call.request(1);
    call.sendMessage(new byte[0]);
    call.halfClose();
    return outcome.get(15, TimeUnit.SECONDS);
  }

  private Metadata headers() {
    Metadata headers = new Metadata();
    if (token != null) {
      headers.put(BearerAuthorization.GRPC_KEY, BearerAuthorization.value(token));
    }
    return headers;
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
