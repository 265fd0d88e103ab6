package org.netlab.rpc.server.grpc;

import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.proto.admin.v1.TokenServiceGrpc;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc;
import org.netlab.rpc.server.Endpoint;
import org.netlab.rpc.server.access.ServerAccess;
import org.netlab.rpc.server.metrics.CallMeters;
import org.netlab.tls.TlsFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Calculator and Phonebook over gRPC on Netty, with TLS (mutual when the settings name a client
 * CA), the standard health and reflection services, size limits, HTTP/2 limits against abuse and
 * keepalive rules ({@link GrpcEndpointSettings.ConnectionLimits}).
 */
public final class GrpcEndpoint implements Endpoint {
  private static final Logger log = LoggerFactory.getLogger(GrpcEndpoint.class);

  /** After the grace period, how long to wait for cancelled calls to unwind. */
  private static final long FORCED_STOP_SECONDS = 2;

  private final GrpcEndpointSettings settings;
  private final Calculator calculator;
  private final Phonebook phonebook;
  private final ServerAccess access;
  private final CallMeters calls;
  private static final Executor RUN_IN_PLACE = Runnable::run;

  /** Connections whose transport is ready and not yet terminated. */
  private final OpenConnections openConnections = new OpenConnections();

  private final HealthStatusManager health = new HealthStatusManager();
  private final HealthWatches healthWatches = new HealthWatches();
  private final AtomicBoolean draining = new AtomicBoolean();
  private Server server;
  private boolean closed;

  /**
   * @param access who may call what; every service but health goes through it
   */
  public GrpcEndpoint(
      GrpcEndpointSettings settings,
      Calculator calculator,
      Phonebook phonebook,
      ServerAccess access) {
    this(settings, calculator, phonebook, access, CallMeters.NONE);
  }

  /**
   * @param access who may call what; every service but health goes through it
   * @param calls what counts and times every call but health's
   */
  public GrpcEndpoint(
      GrpcEndpointSettings settings,
      Calculator calculator,
      Phonebook phonebook,
      ServerAccess access,
      CallMeters calls) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.calculator = Objects.requireNonNull(calculator, "calculator");
    this.phonebook = Objects.requireNonNull(phonebook, "phonebook");
    this.access = Objects.requireNonNull(access, "access");
    this.calls = Objects.requireNonNull(calls, "calls");
  }

  /**
   * The Calculator, Phonebook and Token services, and reflection, with access control, error
   * mapping and call logging, ready to add to any gRPC server (the in-process one of tests
   * included).
   */
  public static List<ServerServiceDefinition> services(
      Calculator calculator, Phonebook phonebook, ServerAccess access) {
    return services(calculator, phonebook, access, CallMeters.NONE);
  }

  /**
   * The services of {@link #services(Calculator, Phonebook, ServerAccess)}, each call counted and
   * timed by {@code calls} with the status it ends with (no hook at all with {@link
   * CallMeters#NONE}).
   */
  @SuppressWarnings("deprecation") // v1alpha reflection, for tools that know no other
  public static List<ServerServiceDefinition> services(
      Calculator calculator, Phonebook phonebook, ServerAccess access, CallMeters calls) {
    // The last interceptor runs first: the log sees the status the access check or the mapper
    // chose, and the access check sees the status the mapper chose, for the audit trail. Metrics,
    // last of all, see every call's final status, refusals of the access check included.
    List<ServerInterceptor> interceptors = new ArrayList<>();
    interceptors.add(new ErrorMappingInterceptor());
    interceptors.add(new AccessInterceptor(access));
    interceptors.add(new CallLogInterceptor());
    if (calls.counting()) {
      interceptors.add(new CallMetricsInterceptor(calls));
    }
    // Malformed requests are refused before the interceptors, which log the refusal's status.
    return List.of(
            new CalculatorGrpcService(calculator).bindService(),
            new PhonebookGrpcService(phonebook).bindService(),
            new TokenGrpcService(access.tokens()).bindService(),
            ProtoReflectionServiceV1.newInstance().bindService(),
            ProtoReflectionService.newInstance().bindService())
        .stream()
        .map(
            service ->
                ServerInterceptors.intercept(MalformedRequests.refused(service), interceptors))
        .toList();
  }

  @Override
  public synchronized void start() throws IOException {
    if (server != null || closed) {
      throw new IllegalStateException("a gRPC endpoint starts once");
    }
    ClientEventLog.install();
    GrpcEndpointSettings.ConnectionLimits limits = settings.connectionLimits();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(settings.address(), credentials(settings.tls()))
            .maxInboundMessageSize(settings.maxInboundMessageBytes())
            .maxConcurrentCallsPerConnection(limits.maxConcurrentCalls())
            .maxInboundMetadataSize(limits.maxHeaderListBytes())
            .flowControlWindow(limits.flowControlWindowBytes())
            .maxRstFramesPerWindow(
                limits.maxResetsPerWindow(), (int) limits.resetWindow().toSeconds())
            .permitKeepAliveTime(limits.permitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
            .permitKeepAliveWithoutCalls(true)
            .keepAliveTime(limits.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
            .keepAliveTimeout(limits.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .handshakeTimeout(limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .maxConnectionIdle(limits.maxConnectionIdle().toMillis(), TimeUnit.MILLISECONDS)
            .maxConnectionAge(limits.maxConnectionAge().toMillis(), TimeUnit.MILLISECONDS)
            .maxConnectionAgeGrace(limits.maxConnectionAgeGrace().toMillis(), TimeUnit.MILLISECONDS)
            .callExecutor(GrpcEndpoint::executorFor)
            .addTransportFilter(openConnections)
            // Outermost: the name goes on every call's trailers, whoever ends the call.
            .intercept(new ServedByInterceptor(settings.servedBy()))
            // Health is open to all: load balancers probe it without credentials.
            .addService(
                ServerInterceptors.intercept(
                    MalformedRequests.refused(health.getHealthService().bindService()),
                    healthWatches));
    services(calculator, phonebook, access, calls).forEach(builder::addService);
    try {
      server = builder.build().start();
    } catch (IOException e) {
      throw new IOException(
          "cannot listen for gRPC on " + printable(settings.address()) + ": " + rootMessage(e), e);
    }
    markServing(health);
  }

  /** Reports the server and each of its services as serving. */
  static void markServing(HealthStatusManager health) {
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    health.setStatus(CalculatorServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    health.setStatus(PhonebookServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    health.setStatus(TokenServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
  }

  /**
   * Arithmetic never blocks, so Calculator calls run on the transport thread, saving a hand-off per
   * call; the rest (the store blocks on I/O) use gRPC's default executor.
   */
  static <Q, R> Executor executorFor(ServerCall<Q, R> call, Metadata headers) {
    boolean calculator =
        CalculatorServiceGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName());
    return calculator ? RUN_IN_PLACE : null;
  }

  @Override
  public synchronized String url() {
    if (server == null) {
      throw new IllegalStateException("the gRPC endpoint is not started");
    }
    InetSocketAddress bound =
        new InetSocketAddress(settings.address().getAddress(), server.getPort());
    return (settings.plaintext() ? "grpc" : "grpcs") + "://" + printable(bound);
  }

  private static String printable(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host)
        + ":"
        + address.getPort();
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** The port listened on; useful after binding port 0. */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the gRPC endpoint is not started");
    }
    return server.getPort();
  }

  /** Connections open now, counted from the moment their transport is ready (TLS and HTTP/2). */
  @Override
  public int openConnections() {
    return openConnections.count();
  }

  /**
   * Every service the running server serves, health and reflection included: what a test walks to
   * prove that no method escapes the access policy.
   */
  public synchronized List<ServiceDescriptor> servedServices() {
    if (server == null) {
      throw new IllegalStateException("the gRPC endpoint is not started");
    }
    return server.getServices().stream()
        .map(ServerServiceDefinition::getServiceDescriptor)
        .toList();
  }

  /** Health turns NOT_SERVING for good; calls are still served until {@link #close()}. */
  @Override
  public void beginDrain() {
    if (draining.compareAndSet(false, true)) {
      health.enterTerminalState();
    }
  }

  @Override
  public void close() {
    Server stopping;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      stopping = server;
    }
    beginDrain();
    if (stopping == null) {
      return;
    }
    stopping.shutdown();
    healthWatches.endAll(); // health said NOT_SERVING for good in beginDrain()
    try {
      if (!stopping.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("gRPC calls still running after {}; cancelling them", settings.shutdownGrace());
        stopping.shutdownNow();
        stopping.awaitTermination(FORCED_STOP_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      stopping.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ServerCredentials credentials(TlsFiles tls) throws IOException {
    if (tls == null) {
      return InsecureServerCredentials.create();
    }
    TlsServerCredentials.Builder builder =
        TlsServerCredentials.newBuilder().keyManager(tls.chain().toFile(), tls.key().toFile());
    if (tls.mutual()) {
      builder
          .trustManager(tls.clientCa().toFile())
          .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
    }
    return builder.build();
  }
}
