package org.netlab.rpc.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.proto.phonebook.v1.FindNumberRequest;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc;
import org.netlab.rpc.server.GatedPhonebook;
import org.netlab.rpc.server.access.TestAccess;
import org.netlab.rpc.server.grpc.GrpcEndpoint;

/**
 * The gRPC services' calls as the metrics count them, on gRPC's in-process transport: a call is in
 * flight while it runs and counted with its status when it ends, and one the client gives up on is
 * counted CANCELLED, not with the status its service answered too late.
 */
@Timeout(30)
class GrpcCallMetricsTest {
  private static final String PHONEBOOK = "netlab.phonebook.v1.PhonebookService";

  private final GatedPhonebook phonebook = new GatedPhonebook();
  private ServerMetrics metrics;
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    metrics = new ServerMetrics();
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
    GrpcEndpoint.services(
            new FiniteCalculator(), phonebook, TestAccess.unchecked(), metrics.calls())
        .forEach(builder::addService);
    server = builder.build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    phonebook.open();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    metrics.close();
  }

  @Test
  void aCallIsInFlightWhileItRunsThenCountedWithItsStatus() throws Exception {
    CompletableFuture<String> answer =
        CompletableFuture.supplyAsync(() -> stub().findNumber(find("Ada")).getNumber());
    assertTrue(phonebook.awaitEntered(10, TimeUnit.SECONDS));
    assertEquals(1, inFlight());

    phonebook.open();
    answer.get(10, TimeUnit.SECONDS);
    awaitValue(1, () -> calls("FindNumber", "OK"));
    assertEquals(0, inFlight());
  }

  @Test
  void aCallWhoseDeadlinePassesIsCountedCancelledOnceItsServiceHasReturned() throws Exception {
    StatusRuntimeException late =
        assertThrows(
            StatusRuntimeException.class,
            () -> stub().withDeadlineAfter(Duration.ofMillis(200)).findNumber(find("Ada")));
    assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode());
    assertTrue(phonebook.awaitEntered(10, TimeUnit.SECONDS));
    assertEquals(1, inFlight(), "the service still holds the call");

    phonebook.open();
    awaitValue(1, () -> calls("FindNumber", "CANCELLED"));
    assertEquals(0, calls("FindNumber", "OK"), "the answer nobody received is not a success");
    awaitValue(0, this::inFlight);
  }

  private PhonebookServiceGrpc.PhonebookServiceBlockingStub stub() {
    return PhonebookServiceGrpc.newBlockingStub(channel);
  }

  private static FindNumberRequest find(String name) {
    return FindNumberRequest.newBuilder().setName(name).build();
  }

  private double calls(String method, String code) {
    Counter counter =
        metrics
            .registry()
            .find(MicrometerCallMeters.CALLS)
            .tags("service", PHONEBOOK, "method", method, "protocol", "grpc", "code", code)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double inFlight() {
    Gauge gauge =
        metrics.registry().find(MicrometerCallMeters.IN_FLIGHT).tags("protocol", "grpc").gauge();
    return gauge.value();
  }

  /** Waits for a count that the server's threads move after the client has its answer. */
  private static void awaitValue(double expected, DoubleSupplier value)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (value.getAsDouble() != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(expected, value.getAsDouble());
  }
}
