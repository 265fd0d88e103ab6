package org.netlab.rpc.server.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.netlab.access.Credentials;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.server.access.ServerAccess;
import org.netlab.rpc.server.metrics.CallMeters;

/**
 * The gRPC services as {@link GrpcEndpoint} serves them (access control, audit, error mapping, call
 * log, malformed-request refusal, and health open to all), on a server in this process: other
 * protocols (the JSON gateway) call them here and get every rule of gRPC with no copy of it.
 * Callers are identified by the credentials each call is started with.
 */
public final class InProcessServices implements AutoCloseable {
  private static final long STOP_SECONDS = 2;

  private final Server server;
  private final ManagedChannel channel;
  private final GatewayCallers callers = new GatewayCallers();
  private final HealthStatusManager health = new HealthStatusManager();
  private final Map<String, ServedMethod> methods = new LinkedHashMap<>();

  private InProcessServices(List<ServerServiceDefinition> services) throws IOException {
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder =
        InProcessServerBuilder.forName(name).callExecutor(GrpcEndpoint::executorFor);
    List<ServerServiceDefinition> served = new ArrayList<>(services);
    // Health is open to all, as on the gRPC port.
    served.add(MalformedRequests.refused(health.getHealthService().bindService()));
    for (ServerServiceDefinition service : served) {
      builder.addService(ServerInterceptors.intercept(service, callers));
      for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
        methods.put(method.getMethodDescriptor().getFullMethodName(), ServedMethod.of(method));
      }
    }
    server = builder.build().start();
    GrpcEndpoint.markServing(health);
    // Answers arrive on the thread that served the call; the gateway writes them to its socket.
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  /** Starts the services of {@link GrpcEndpoint#services}, counted by {@code calls}, in process. */
  public static InProcessServices start(
      Calculator calculator, Phonebook phonebook, ServerAccess access, CallMeters calls)
      throws IOException {
    return new InProcessServices(GrpcEndpoint.services(calculator, phonebook, access, calls));
  }

  /** A served method by its full name, e.g. {@code netlab.calculator.v1.CalculatorService/Add}. */
  public Optional<ServedMethod> method(String fullName) {
    return Optional.ofNullable(methods.get(fullName));
  }

  /** Every served method, by full name, in the order the services list them. */
  public Map<String, ServedMethod> methods() {
    return Map.copyOf(methods);
  }

  /**
   * Starts a call of {@code method} on behalf of the caller showing {@code credentials}; the
   * returned call is then used as any {@link ClientCall}.
   */
  public <Q, R> ClientCall<Q, R> newCall(
      MethodDescriptor<Q, R> method,
      CallOptions options,
      Credentials credentials,
      ClientCall.Listener<R> listener,
      Metadata headers) {
    String number = callers.leave(credentials);
    headers.put(GatewayCallers.CALL_NUMBER, number);
    ClientCall<Q, R> call = channel.newCall(method, options);
    call.start(
        new SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            callers.forget(number);
            super.onClose(status, trailers);
          }
        },
        headers);
    return call;
  }

  /** Health turns NOT_SERVING for good; calls are still served until {@link #close()}. */
  public void beginDrain() {
    health.enterTerminalState();
  }

  @Override
  public void close() {
    channel.shutdown();
    server.shutdown();
    try {
      if (!server.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
      channel.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      server.shutdownNow();
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
