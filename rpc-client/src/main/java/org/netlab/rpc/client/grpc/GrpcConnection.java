package org.netlab.rpc.client.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.AbstractStub;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.ServedByTally;
import org.netlab.rpc.client.ServerUrl;

/**
 * One gRPC channel, shared by every call of the clients built on it, to one server or spread over
 * several ({@link ServerUrl#severalServers()}). The channel connects on first use and reconnects by
 * itself after a failure; its calls are retried as {@link ChannelServiceConfig} says, writes with
 * an idempotency key; with a token in the settings, every call it carries sends it.
 */
final class GrpcConnection implements AutoCloseable {
  /** Below the server's permitted ping rate, so it never answers {@code too_many_pings}. */
  private static final long KEEPALIVE_SECONDS = 30;

  private static final long CLOSE_WAIT_SECONDS = 5;

  private final ClientSettings settings;
  private final ManagedChannel channel;
  private final StatusErrors errors;
  private final ServedByTally servedBy;

  private GrpcConnection(ClientSettings settings, ManagedChannel channel, ServedByTally servedBy) {
    this.settings = settings;
    this.channel = channel;
    this.errors = new StatusErrors(settings);
    this.servedBy = servedBy;
  }

  /**
   * Prepares a channel to the server; nothing is sent until the first call.
   *
   * @throws IOException when the CA, certificate or key file cannot be read
   */
  static GrpcConnection open(ClientSettings settings) throws IOException {
    Objects.requireNonNull(settings, "settings");
    ServedByTally servedBy = new ServedByTally();
    ManagedChannel channel =
        channelBuilder(settings.url(), credentials(settings))
            .keepAliveTime(KEEPALIVE_SECONDS, TimeUnit.SECONDS)
            .defaultServiceConfig(ChannelServiceConfig.forUrl(settings.url()))
            .disableServiceConfigLookUp() // a DNS TXT record must not change how we retry
            .enableRetry()
            .intercept(new IdempotencyKeyInterceptor(), new ServedByCounter(servedBy))
            .build();
    return new GrpcConnection(settings, channel, servedBy);
  }

  /** A channel to the one server, the list of servers, or every address of the DNS name. */
  private static ManagedChannelBuilder<?> channelBuilder(
      ServerUrl url, ChannelCredentials credentials) {
    if (url.discovery() == ServerUrl.Discovery.DNS) {
      return Grpc.newChannelBuilder("dns:///" + url.addresses().get(0), credentials);
    }
    if (url.severalServers()) {
      return Grpc.newChannelBuilder(
          ServerListResolverProvider.target(url.addresses()), credentials);
    }
    return Grpc.newChannelBuilderForAddress(url.host(), url.port(), credentials);
  }

  /** How many answers each server gave. */
  ServedByTally servedBy() {
    return servedBy;
  }

  /**
   * {@code stub} made for asynchronous calls: answers are handled on the network thread that read
   * them, without a hand-off to another thread. Each call still needs {@link #withDeadline}.
   */
  <S extends AbstractStub<S>> S asyncStub(S stub) {
    return stub.withExecutor(Runnable::run);
  }

  /** An observer of one asynchronous call whose answer, or failure, completes its future. */
  <A, T> AnswerObserver<A, T> answer(Function<A, T> toResult) {
    return new AnswerObserver<>(this, toResult);
  }

  /** A failed asynchronous call as our exception, as {@link #call} throws it. */
  RuntimeException failure(Throwable failure) {
    return errors.toException(AnswerObserver.asStatusException(failure));
  }

  /** {@code stub} with a deadline of the configured timeout from now. */
  <S extends AbstractStub<S>> S withDeadline(S stub) {
    return stub.withDeadlineAfter(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
  }

  ManagedChannel channel() {
    return channel;
  }

  /**
   * Runs a blocking call and turns a failure into the domain's {@link
   * org.netlab.domain.ServiceException} or a {@link org.netlab.rpc.client.TransportException}.
   */
  <T> T call(Supplier<T> blockingCall) {
    try {
      return blockingCall.get();
    } catch (StatusRuntimeException e) {
      throw errors.toException(e);
    }
  }

  /** Shuts the channel down, waiting briefly for calls in progress. Safe to call twice. */
  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** The channel's TLS (or none), and the token for each call when there is one. */
  private static ChannelCredentials credentials(ClientSettings settings) throws IOException {
    ChannelCredentials transport = transportCredentials(settings);
    if (settings.token() == null) {
      return transport;
    }
    return CompositeChannelCredentials.create(
        transport, new BearerTokenCredentials(settings.token()));
  }

  private static ChannelCredentials transportCredentials(ClientSettings settings)
      throws IOException {
    if (!settings.url().tls()) {
      return InsecureChannelCredentials.create();
    }
    TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
    try {
      builder.trustManager(settings.caFile().toFile());
    } catch (IOException e) {
      throw new IOException(
          "cannot read the CA file " + settings.caFile() + ": " + e.getMessage(), e);
    }
    if (settings.clientCertificate() != null) {
      try {
        builder.keyManager(settings.clientCertificate().toFile(), settings.clientKey().toFile());
      } catch (IOException e) {
        throw new IOException(
            "cannot read the client certificate "
                + settings.clientCertificate()
                + " or its key "
                + settings.clientKey()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return builder.build();
  }
}
