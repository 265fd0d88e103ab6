package org.netlab.rpc.client.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.phonebook.store.JdbcStore;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.access.TestAccess;
import org.netlab.rpc.server.grpc.GrpcEndpoint;
import org.netlab.rpc.server.grpc.GrpcEndpointSettings;
import org.netlab.tls.LocalCertificateAuthority;

/**
 * Our gRPC client over a list of three real servers on loopback (TLS from one local CA, one
 * phonebook store between them, each naming itself in its {@code x-served-by} trailer): grpc-java's
 * round_robin spreads the calls, health checks take a draining server out before it stops, and a
 * stopped server's calls go to the others.
 */
@Timeout(60)
class GrpcSeveralServersTest {
  private static final List<String> NAMES = List.of("alpha", "bravo", "charlie");

  @TempDir Path directory;
  private JdbcStore store;
  private final List<GrpcEndpoint> servers = new ArrayList<>();
  private LocalCertificateAuthority ca;

  @BeforeEach
  void startThreeServers() throws IOException {
    ca = LocalCertificateAuthority.loadOrCreate(directory.resolve("tls"));
    store = JdbcStore.openEmbedded(directory.resolve("data"));
    for (String name : NAMES) {
      GrpcEndpoint server =
          new GrpcEndpoint(
              new GrpcEndpointSettings(
                      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ca.serverFiles())
                  .withServedBy(name),
              new FiniteCalculator(),
              store.phonebook(),
              TestAccess.unchecked());
      server.start();
      servers.add(server);
    }
  }

  @AfterEach
  void stopServers() {
    servers.forEach(GrpcEndpoint::close);
    store.close();
  }

  @Test
  void callsSpreadEvenlyOverTheServersOfTheList() {
    try (RpcConnection connection = RpcConnection.open(settings())) {
      connection.calculator().add(0, 0); // the first call waits for every server to be ready
      awaitAllReady(connection);
      Map<String, Long> before = connection.servedBy();
      for (int i = 0; i < 300; i++) {
        connection.calculator().add(i, 1);
      }
      for (String name : NAMES) {
        long served = connection.servedBy().get(name) - before.getOrDefault(name, 0L);
        assertTrue(served >= 90 && served <= 110, name + " served " + served + " of 300");
      }
    }
  }

  @Test
  void aDrainingServerGetsNoNewCallsAndItsStopFailsNone() throws Exception {
    try (RpcConnection connection = RpcConnection.open(settings())) {
      awaitAllReady(connection);
      servers.get(1).beginDrain(); // health turns NOT_SERVING; the server still serves
      Thread.sleep(500); // the client's health stream hears it
      long bravo = connection.servedBy().getOrDefault("bravo", 0L);
      for (int i = 0; i < 60; i++) {
        connection.phonebook().count();
      }
      assertEquals(bravo, connection.servedBy().getOrDefault("bravo", 0L), "calls to a drainer");
      servers.get(1).close();
      assertEquals(0, failedCalls(connection, 200), "calls failed after the drained server left");
    }
  }

  @Test
  void writesAndReadsUnderWaySurviveAServerStoppingAbruptly() throws Exception {
    try (RpcConnection connection = RpcConnection.open(settings())) {
      awaitAllReady(connection);
      try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
        Future<Long> failures = callers.submit(() -> failedCalls(connection, 600));
        Thread.sleep(100);
        // No drain delay: the calls in flight end with the server, and the client retries them.
        long start = System.nanoTime();
        servers.get(2).close();
        assertTrue(
            System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5),
            "the clients' health watches ended with the stop, not after the 10 s grace");
        assertEquals(0L, failures.get());
      }
      assertEquals(600 / 2, connection.phonebook().list("abrupt-").size(), "each add once");
    }
  }

  /** Makes reads and (for even numbers) adds; answers how many failed. */
  private static long failedCalls(RpcConnection connection, int calls) {
    long failed = 0;
    for (int i = 0; i < calls; i++) {
      try {
        if (i % 2 == 0) {
          connection.phonebook().add("abrupt-" + i + "-" + System.nanoTime(), "555-0100");
        } else {
          connection.phonebook().count();
        }
      } catch (RuntimeException e) {
        failed++;
      }
    }
    return failed;
  }

  /** Calls until every server has answered once: each subchannel is connected and healthy. */
  private static void awaitAllReady(RpcConnection connection) {
    for (int i = 0; i < 1000 && connection.servedBy().size() < NAMES.size(); i++) {
      connection.calculator().add(i, 0);
    }
    assertEquals(NAMES.size(), connection.servedBy().size(), "servers answering");
  }

  private ClientSettings settings() {
    StringBuilder url = new StringBuilder("grpcs://");
    for (GrpcEndpoint server : servers) {
      url.append(url.length() > 8 ? "," : "").append("127.0.0.1:").append(server.port());
    }
    return ClientSettings.forUrl(url.toString()).withCaFile(ca.certificateFile());
  }
}
