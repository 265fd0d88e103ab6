package org.netlab.rpc.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;

/**
 * Three {@code rpc-server} processes over one throwaway PostgreSQL, called by our clients with the
 * list of all three ({@code grpcs://127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3}, and the XML-RPC list):
 * calls spread over the servers; a server killed with SIGKILL, a rolling restart of all three and a
 * restart of PostgreSQL, each under a steady load of reads and writes, cost no acknowledged write,
 * and no write is applied twice. Every test leaves the three servers and the database running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ThreeServersOnePostgresTest {
  /** Callers per client: a steady load that leaves a restarting server CPU to start with. */
  private static final int CALLERS = 4;

  private ThrowawayPostgres postgres;
  private ServerFleet fleet;

  @BeforeAll
  void startDatabaseAndServers(@TempDir Path directory) throws Exception {
    postgres = ThrowawayPostgres.create();
    fleet = ServerFleet.start(3, postgres.jdbcUrl(), directory.resolve("fleet"));
  }

  @AfterAll
  void stopServersAndDatabase() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  /** Whatever a test stopped comes back for the next one. */
  @AfterEach
  void everyServerRuns() throws Exception {
    for (int i = 1; i <= fleet.size(); i++) {
      if (!fleet.running(i)) {
        fleet.start(i);
      }
    }
  }

  @Test
  void threeThousandCallsThroughOneClientReachEveryServerEachWithinItsShare() {
    try (RpcConnection connection = open(fleet.grpcUrl())) {
      connection.calculator().add(0, 0); // connects; the servers' connections become ready
      awaitEveryServer(connection);
      Map<String, Long> before = connection.servedBy();
      for (int i = 0; i < 3000; i++) {
        if (i % 3 == 0) {
          connection.phonebook().count();
        } else {
          connection.calculator().add(i, 1);
        }
      }
      Map<String, Long> during = new HashMap<>(connection.servedBy());
      before.forEach((name, count) -> during.merge(name, -count, Long::sum));
      assertEquals(Set.of("s1", "s2", "s3"), during.keySet());
      for (Map.Entry<String, Long> server : during.entrySet()) {
        double share = server.getValue() / 3000.0;
        assertTrue(
            share >= 0.25 && share <= 0.42, server.getKey() + " took " + share + ": " + during);
      }
    }
  }

  @Test
  void aServerKilledUnderLoadFailsNoCallAndEveryAcknowledgedAddIsAppliedOnce() throws Exception {
    underSteadyLoadOfBothClients("kill-", grpc -> fleet.kill(2)); // SIGKILL: calls are cut
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS) // three restarts of a JVM under load
  void aRollingRestartOfAllThreeUnderLoadFailsNoCall() throws Exception {
    underSteadyLoadOfBothClients(
        "roll-",
        grpc -> {
          for (int i = 1; i <= fleet.size(); i++) {
            fleet.stop(i); // SIGTERM: it drains, then exits
            fleet.start(i);
            // As an operator would: the next server goes once this one takes calls again.
            awaitServedMore(grpc, "s" + i);
          }
        });
  }

  /**
   * Runs {@code disturbance} while both clients, over the list of the three servers, add, find and
   * compute; then checks that no call failed and that every acknowledged add was applied once.
   */
  private void underSteadyLoadOfBothClients(String kind, Disturbance disturbance) throws Exception {
    String prefix = kind + run() + "-";
    try (RpcConnection grpc = open(fleet.grpcUrl());
        RpcConnection xmlRpc = open(xmlRpcList());
        SteadyLoad grpcLoad = new SteadyLoad(grpc, prefix + "g", CALLERS);
        SteadyLoad xmlRpcLoad = new SteadyLoad(xmlRpc, prefix + "x", CALLERS)) {
      awaitAnswers(grpcLoad, xmlRpcLoad, 300);
      disturbance.apply(grpc);
      long answered = grpcLoad.answered() + xmlRpcLoad.answered();
      awaitAnswers(grpcLoad, xmlRpcLoad, answered + 600);
      grpcLoad.close();
      xmlRpcLoad.close();
      assertEquals(Map.of(), grpcLoad.failures(), "gRPC calls failed");
      assertEquals(Map.of(), xmlRpcLoad.failures(), "XML-RPC calls failed");
      assertAppliedOnce(prefix, grpcLoad, xmlRpcLoad);
    }
  }

  /** What happens to the servers while the load runs; given the gRPC client's connection. */
  @FunctionalInterface
  private interface Disturbance {
    void apply(RpcConnection grpc) throws Exception;
  }

  @Test
  void whilePostgresqlRestartsCallsFailUnavailableThenRecoverLosingNothingAcknowledged()
      throws Exception {
    String prefix = "pg-" + run() + "-";
    Map<String, String> failures;
    try (RpcConnection grpc = open(fleet.grpcUrl());
        SteadyLoad load = new SteadyLoad(grpc, prefix, CALLERS)) {
      load.await(() -> load.answered() >= 300, Duration.ofSeconds(60), "300 answers");
      postgres.stop();
      load.await(() -> !load.failures().isEmpty(), Duration.ofSeconds(60), "a failed call");
      Thread.sleep(3_000);
      postgres.start();
      long answered = load.answered();
      load.await(
          () -> load.answered() >= answered + 600,
          Duration.ofSeconds(60),
          "600 answers after the restart");
      load.close();
      failures = load.failures();
      assertAppliedOnce(prefix, load);
    }
    assertFalse(failures.isEmpty(), "calls failed while the database was down");
    failures.forEach(
        (call, failure) ->
            assertTrue(failure.startsWith("UNAVAILABLE"), call + " failed otherwise: " + failure));
    for (int i = 1; i <= fleet.size(); i++) {
      assertTrue(fleet.running(i), "s" + i + " survived the database's restart");
    }
  }

  /**
   * Every acknowledged add is in the database, no name was invented, and each add was applied once:
   * its call's audit trail shows one add that succeeded and none refused as a duplicate.
   */
  private void assertAppliedOnce(String prefix, SteadyLoad... loads) throws SQLException {
    Set<String> acknowledged = new TreeSet<>();
    Set<String> sent = new TreeSet<>();
    for (SteadyLoad load : loads) {
      acknowledged.addAll(load.acknowledged());
      sent.addAll(load.sent());
    }
    Set<String> stored = new TreeSet<>();
    Map<String, Integer> applied = new HashMap<>();
    Set<String> refusedAsDuplicates = new TreeSet<>();
    try (Connection database = DriverManager.getConnection(postgres.jdbcUrl())) {
      for (String name : query(database, "SELECT name FROM phonebook_entries", prefix)) {
        stored.add(name);
      }
      try (PreparedStatement events =
          database.prepareStatement(
              "SELECT subject, outcome FROM audit_events"
                  + " WHERE subject LIKE ?"
                  + " AND (method LIKE '%/AddEntry' OR method = 'phonebook.addEntry')")) {
        events.setString(1, prefix + "%");
        try (ResultSet rows = events.executeQuery()) {
          while (rows.next()) {
            if (rows.getString(2).equals("OK")) {
              applied.merge(rows.getString(1), 1, Integer::sum);
            } else if (rows.getString(2).equals("ALREADY_EXISTS")) {
              refusedAsDuplicates.add(rows.getString(1));
            }
          }
        }
      }
    }
    Set<String> lost = new TreeSet<>(acknowledged);
    lost.removeAll(stored);
    assertEquals(Set.of(), lost, "acknowledged adds missing");
    Set<String> invented = new TreeSet<>(stored);
    invented.removeAll(sent);
    assertEquals(Set.of(), invented, "entries nobody sent");
    for (String name : stored) {
      assertEquals(1, applied.getOrDefault(name, 0), "adds of " + name + " applied");
    }
    assertEquals(Set.of(), refusedAsDuplicates, "adds applied twice, the second refused");
    assertTrue(acknowledged.size() >= 100, "acknowledged adds: " + acknowledged.size());
  }

  private static Set<String> query(Connection database, String select, String prefix)
      throws SQLException {
    Set<String> names = new TreeSet<>();
    try (PreparedStatement statement = database.prepareStatement(select + " WHERE name LIKE ?")) {
      statement.setString(1, prefix + "%");
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
    }
    return names;
  }

  private static void awaitAnswers(SteadyLoad grpc, SteadyLoad xmlRpc, long answers)
      throws InterruptedException {
    grpc.await(
        () -> grpc.answered() + xmlRpc.answered() >= answers,
        Duration.ofSeconds(90),
        answers + " answers");
  }

  /** Calls until every server has answered: each connection is up and healthy. */
  private static void awaitEveryServer(RpcConnection connection) {
    for (int i = 0; i < 5_000 && connection.servedBy().size() < 3; i++) {
      connection.calculator().add(i, 0);
    }
    assertEquals(3, connection.servedBy().size(), "servers answering: " + connection.servedBy());
  }

  /** Waits until {@code server} has answered more calls of {@code connection} than now. */
  private static void awaitServedMore(RpcConnection connection, String server)
      throws InterruptedException {
    long now = connection.servedBy().getOrDefault(server, 0L);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (connection.servedBy().getOrDefault(server, 0L) <= now) {
      assertTrue(System.nanoTime() < deadline, server + " took no call within 60 s");
      Thread.sleep(50);
    }
  }

  private String xmlRpcList() {
    return fleet.xmlRpcUrl(1) + "," + fleet.xmlRpcUrl(2) + "," + fleet.xmlRpcUrl(3);
  }

  private RpcConnection open(String url) {
    return RpcConnection.open(
        ClientSettings.forUrl(url).withCaFile(fleet.caFile()).withToken(fleet.writerToken()));
  }

  private static String run() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
