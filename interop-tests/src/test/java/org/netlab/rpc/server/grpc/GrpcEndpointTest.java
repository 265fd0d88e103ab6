package org.netlab.rpc.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.domain.phonebook.Entry;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc;
import org.netlab.proto.phonebook.v1.AddEntryRequest;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.client.TransportException;
import org.netlab.rpc.server.GatedPhonebook;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.rpc.server.ServerTls;
import org.netlab.rpc.server.access.TestAccess;

/** The endpoint as deployed: TLS on 127.0.0.1, standard services, limits, deadlines, shutdown. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcEndpointTest {
  @TempDir Path dataDir;

  @Test
  void healthIsServingForTheServerAndEachService() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dataDir);
        TestChannel connection = TestChannel.open(server.clientSettings())) {
      ManagedChannel channel = connection.channel();
      for (String service :
          List.of("", CalculatorServiceGrpc.SERVICE_NAME, PhonebookServiceGrpc.SERVICE_NAME)) {
        assertEquals(ServingStatus.SERVING, health(channel, service), service);
      }
    }
  }

  @Test
  void healthTurnsNotServingWhileDraining() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dataDir);
        TestChannel connection = TestChannel.open(server.clientSettings())) {
      ManagedChannel channel = connection.channel();
      server.grpc().beginDrain();
      assertEquals(ServingStatus.NOT_SERVING, health(channel, ""));
      assertEquals(ServingStatus.NOT_SERVING, health(channel, PhonebookServiceGrpc.SERVICE_NAME));
    }
  }

  @Test
  void reflectionV1ListsBothServices() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dataDir);
        TestChannel connection = TestChannel.open(server.clientSettings())) {
      Set<String> services = new TreeSet<>();
      ServerReflectionResponse response =
          ask(
              ServerReflectionGrpc.newStub(connection.channel()),
              ServerReflectionRequest.newBuilder().setListServices("").build());
      for (ServiceResponse service : response.getListServicesResponse().getServiceList()) {
        services.add(service.getName());
      }
      assertTrue(
          services.containsAll(
              Set.of(
                  CalculatorServiceGrpc.SERVICE_NAME,
                  PhonebookServiceGrpc.SERVICE_NAME,
                  "grpc.health.v1.Health")),
          services::toString);
    }
  }

  @Test
  @SuppressWarnings("deprecation")
  void reflectionV1alphaDescribesThePhonebookForOlderTools() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dataDir);
        TestChannel connection = TestChannel.open(server.clientSettings())) {
      io.grpc.reflection.v1alpha.ServerReflectionGrpc.ServerReflectionStub stub =
          io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(connection.channel());
      CompletableFuture<io.grpc.reflection.v1alpha.ServerReflectionResponse> answer =
          new CompletableFuture<>();
      StreamObserver<io.grpc.reflection.v1alpha.ServerReflectionRequest> requests =
          stub.serverReflectionInfo(firstAnswer(answer));
      requests.onNext(
          io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
              .setFileContainingSymbol(PhonebookServiceGrpc.SERVICE_NAME)
              .build());
      requests.onCompleted();
      assertEquals(
          1,
          answer
              .get(10, TimeUnit.SECONDS)
              .getFileDescriptorResponse()
              .getFileDescriptorProtoCount());
    }
  }

  @Test
  void listEntriesStreamsTenThousandEntries() throws Exception {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      entries.add(new Entry(String.format("Person %05d", i), String.format("+1 555 %07d", i)));
    }
    try (GrpcEndpoint endpoint = startTls(new GatedPhonebook(entries), Duration.ofSeconds(5));
        RpcConnection clients = RpcConnection.open(settings(endpoint))) {
      assertEquals(entries, clients.phonebook().list(""));
    }
  }

  @Test
  void oversizedRequestIsRefusedAndTheServerServesOn() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dataDir);
        TestChannel connection = TestChannel.open(server.clientSettings());
        RpcConnection clients = RpcConnection.open(server.clientSettings())) {
      String huge = "x".repeat(GrpcEndpointSettings.DEFAULT_MAX_INBOUND_MESSAGE_BYTES + 1);
      StatusRuntimeException refusal =
          assertThrows(
              StatusRuntimeException.class,
              () ->
                  PhonebookServiceGrpc.newBlockingStub(connection.channel())
                      .addEntry(
                          AddEntryRequest.newBuilder()
                              .setName(huge)
                              .setNumber("555-0100")
                              .build()));
      assertEquals(Status.Code.RESOURCE_EXHAUSTED, refusal.getStatus().getCode());
      assertEquals(new Entry("Ada", "555-0100"), clients.phonebook().add("Ada", "555-0100"));
    }
  }

  @Test
  void aCallPastItsDeadlineFailsAsTimeout() throws Exception {
    GatedPhonebook gated = new GatedPhonebook();
    try (GrpcEndpoint endpoint = startTls(gated, Duration.ofSeconds(5));
        RpcConnection clients =
            RpcConnection.open(settings(endpoint).withTimeout(Duration.ofMillis(300)))) {
      TransportException timeout =
          assertThrows(TransportException.class, () -> clients.phonebook().find("Ada"));
      assertEquals(TransportException.Kind.TIMEOUT, timeout.kind());
      assertTrue(
          timeout.getMessage().startsWith("no answer from " + endpoint.url()), timeout::getMessage);
      gated.open();
    }
  }

  @Test
  void shutdownLetsAnInFlightCallFinish() throws Exception {
    GatedPhonebook gated = new GatedPhonebook();
    GrpcEndpoint endpoint = startTls(gated, Duration.ofSeconds(20));
    try (RpcConnection clients = RpcConnection.open(settings(endpoint))) {
      CompletableFuture<Entry> inFlight =
          CompletableFuture.supplyAsync(() -> clients.phonebook().find("Ada"));
      assertTrue(gated.awaitEntered(10, TimeUnit.SECONDS));
      Thread closer = Thread.ofPlatform().start(endpoint::close);
      closer.join(Duration.ofMillis(500));
      assertTrue(closer.isAlive(), "close must wait for the call in flight");
      gated.open();
      assertEquals(new Entry("Ada", "+33 1 23 45 67 89"), inFlight.get(10, TimeUnit.SECONDS));
      assertTrue(closer.join(Duration.ofSeconds(10)), "close must end once the call is done");
    } finally {
      endpoint.close();
    }
  }

  @Test
  void shutdownCancelsACallThatOutlivesTheGracePeriod() throws Exception {
    GatedPhonebook gated = new GatedPhonebook();
    GrpcEndpoint endpoint = startTls(gated, Duration.ofMillis(200));
    try (RpcConnection clients = RpcConnection.open(settings(endpoint))) {
      CompletableFuture<Entry> inFlight =
          CompletableFuture.supplyAsync(() -> clients.phonebook().find("Ada"));
      assertTrue(gated.awaitEntered(10, TimeUnit.SECONDS));
      endpoint.close();
      Exception failure = assertThrows(Exception.class, () -> inFlight.get(10, TimeUnit.SECONDS));
      assertTrue(failure.getCause() instanceof TransportException, failure::toString);
    } finally {
      gated.open();
      endpoint.close();
    }
  }

  @Test
  void aServerThatIsNotThereIsUnreachable() throws Exception {
    int freePort;
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = socket.getLocalPort();
    }
    try (RpcConnection clients =
        RpcConnection.open(ClientSettings.forUrl("grpc://127.0.0.1:" + freePort))) {
      TransportException failure =
          assertThrows(TransportException.class, clients.phonebook()::count);
      assertEquals(TransportException.Kind.UNREACHABLE, failure.kind());
      assertTrue(
          failure.getMessage().startsWith("server not reachable at grpc://127.0.0.1:" + freePort),
          failure::getMessage);
    }
  }

  private GrpcEndpoint startTls(Phonebook phonebook, Duration grace) throws Exception {
    ServerTls tls = ServerTls.resolve(null, null, null, dataDir);
    GrpcEndpoint endpoint =
        new GrpcEndpoint(
            new GrpcEndpointSettings(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), tls.files())
                .withShutdownGrace(grace),
            new FiniteCalculator(),
            phonebook,
            TestAccess.unchecked());
    endpoint.start();
    return endpoint;
  }

  private ClientSettings settings(GrpcEndpoint endpoint) {
    return ClientSettings.forUrl(endpoint.url()).withCaFile(dataDir.resolve("tls/ca.pem"));
  }

  private static ServingStatus health(ManagedChannel channel, String service) {
    return HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  /** An observer that completes {@code answer} with the first message or the failure. */
  private static <T> StreamObserver<T> firstAnswer(CompletableFuture<T> answer) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T message) {
        answer.complete(message);
      }

      @Override
      public void onError(Throwable failure) {
        answer.completeExceptionally(failure);
      }

      @Override
      public void onCompleted() {
        answer.completeExceptionally(new IllegalStateException("no answer"));
      }
    };
  }

  private static ServerReflectionResponse ask(
      ServerReflectionGrpc.ServerReflectionStub stub, ServerReflectionRequest request)
      throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        stub.serverReflectionInfo(firstAnswer(answer));
    requests.onNext(request);
    requests.onCompleted();
    return answer.get(10, TimeUnit.SECONDS);
  }
}
