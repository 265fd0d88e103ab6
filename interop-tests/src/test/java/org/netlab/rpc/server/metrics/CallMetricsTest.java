package org.netlab.rpc.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.tls.SslContexts;

/**
 * Calls over each protocol move the series a scrape of the real server shows: the call counter of
 * their service, method, protocol and outcome, the duration histogram, the store's commit timer;
 * and the gauges and JVM metrics are there. Values are compared before and after each call, since
 * the tests share one server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallMetricsTest {
  private static final String CALLS = "netlab_calls_total";
  private static final String DURATION_COUNT = "netlab_call_duration_seconds_count";
  private static final String CALCULATOR = "netlab.calculator.v1.CalculatorService";
  private static final String PHONEBOOK = "netlab.phonebook.v1.PhonebookService";

  @TempDir static Path dataDir;
  private static LoopbackServer server;
  private static MetricsScraper scraper;

  @BeforeAll
  static void start() throws IOException {
    server = LoopbackServer.start(dataDir);
    scraper = MetricsScraper.of(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aGrpcCallMovesTheCounterOfItsServiceMethodAndStatusAndItsHistogram() throws Exception {
    MetricsScraper.Samples before = scrape();
    try (RpcConnection grpc = RpcConnection.open(server.clientSettings())) {
      assertEquals(5.0, grpc.calculator().add(2, 3));
      ServiceException refused =
          assertThrows(ServiceException.class, () -> grpc.calculator().divide(1, 0));
      assertEquals(ErrorCode.INVALID_ARGUMENT, refused.code());
    }
    MetricsScraper.Samples after = scrape();

    assertMoved(before, after, 1, CALLS, grpc(CALCULATOR, "Add", "OK"));
    assertMoved(before, after, 1, CALLS, grpc(CALCULATOR, "Divide", "INVALID_ARGUMENT"));
    assertMoved(before, after, 0, CALLS, grpc(CALCULATOR, "Divide", "OK"));
    assertMoved(
        before,
        after,
        1,
        DURATION_COUNT,
        "service",
        CALCULATOR,
        "method",
        "Add",
        "protocol",
        "grpc");
  }

  @Test
  void aGrpcCallTheAccessCheckRefusesIsCountedWithItsStatus() throws Exception {
    MetricsScraper.Samples before = scrape();
    ClientSettings anonymous = ClientSettings.forUrl(server.url()).withCaFile(server.caFile());
    try (RpcConnection grpc = RpcConnection.open(anonymous)) {
      ServiceException refused =
          assertThrows(ServiceException.class, () -> grpc.phonebook().count());
      assertEquals(ErrorCode.UNAUTHENTICATED, refused.code());
    }
    assertMoved(before, scrape(), 1, CALLS, grpc(PHONEBOOK, "CountEntries", "UNAUTHENTICATED"));
  }

  @Test
  void aJsonGatewayCallIsCountedAsConnectNotAsGrpc() throws Exception {
    MetricsScraper.Samples before = scrape();
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(SslContexts.forClient(server.caFile(), null, null))
            .build();
    HttpResponse<String> sum =
        http.send(
            HttpRequest.newBuilder(server.webUrl("/" + CALCULATOR + "/Add"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"x\": 2, \"y\": 3}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals("{\"value\":5.0}", sum.body());
    MetricsScraper.Samples after = scrape();

    String[] connect = {
      "service", CALCULATOR, "method", "Add", "protocol", "connect", "code", "OK"
    };
    assertMoved(before, after, 1, CALLS, connect);
    assertMoved(before, after, 0, CALLS, grpc(CALCULATOR, "Add", "OK"));
  }

  @Test
  void ourXmlRpcClientsCallsAreCountedUnderTheirFullNamesInTheirServices() throws Exception {
    MetricsScraper.Samples before = scrape();
    try (RpcConnection xmlRpc = RpcConnection.open(server.xmlRpcClientSettings())) {
      assertEquals(5.0, xmlRpc.calculator().add(2, 3));
      assertThrows(ServiceException.class, () -> xmlRpc.calculator().divide(1, 0));
      assertThrows(ServiceException.class, () -> xmlRpc.phonebook().find("Nobody"));
    }
    MetricsScraper.Samples after = scrape();

    assertMoved(before, after, 1, CALLS, xmlRpc("calculator", "calculator.add", "OK"));
    assertMoved(
        before, after, 1, CALLS, xmlRpc("calculator", "calculator.divide", "INVALID_ARGUMENT"));
    assertMoved(before, after, 1, CALLS, xmlRpc("phonebook", "phonebook.findEntry", "NOT_FOUND"));
    assertMoved(
        before,
        after,
        1,
        DURATION_COUNT,
        "service",
        "calculator",
        "method",
        "calculator.add",
        "protocol",
        "xmlrpc");
  }

  @Test
  void pythonsXmlRpcClientIsCountedUnderTheLabsNamesAndEachCallOfAMulticallToo() throws Exception {
    assumeTrue(pythonAvailable(), "skipped: python3 is not installed (Debian package python3)");
    MetricsScraper.Samples before = scrape();
    String output =
        python(
            """
            import ssl, sys, xmlrpc.client
            context = ssl.create_default_context(cafile=sys.argv[2])
            server = xmlrpc.client.ServerProxy(sys.argv[1], context=context)
            print("add", server.add(2, 3))
            calls = xmlrpc.client.MultiCall(server)
            calls.add(1, 1)
            calls.quotient(1, 0)
            answers = calls()
            print("multicall add", answers[0])
            try:
                answers[1]
            except xmlrpc.client.Fault as fault:
                print("multicall quotient fault", fault.faultCode)
            try:
                server.nbNumeros()
            except xmlrpc.client.Fault as fault:
                print("nbNumeros fault", fault.faultCode)
            """);
    assertEquals(
        List.of(
            "add 5.0", "multicall add 2.0", "multicall quotient fault 400", "nbNumeros fault 401"),
        output.lines().toList());
    MetricsScraper.Samples after = scrape();

    assertMoved(before, after, 2, CALLS, xmlRpc("calculator", "add", "OK"));
    assertMoved(before, after, 1, CALLS, xmlRpc("calculator", "quotient", "INVALID_ARGUMENT"));
    assertMoved(before, after, 1, CALLS, xmlRpc("system", "system.multicall", "OK"));
    assertMoved(before, after, 1, CALLS, xmlRpc("phonebook", "nbNumeros", "UNAUTHENTICATED"));
  }

  @Test
  void aPhonebookAddMovesTheStoreCommitTimerOfThePhonebookAndOfTheAuditTrail() throws Exception {
    String commits = "netlab_store_commit_seconds_count";
    MetricsScraper.Samples before = scrape();
    try (RpcConnection grpc = RpcConnection.open(server.clientSettings())) {
      grpc.phonebook().add("Commit Witness", "555-0199");
    }
    MetricsScraper.Samples after = scrape();

    assertMoved(before, after, 1, commits, "store", "phonebook");
    assertMoved(before, after, 1, commits, "store", "audit");
    assertMoved(before, after, 0, commits, "store", "tokens");
    assertTrue(
        after.value("netlab_store_commit_seconds_sum", "store", "phonebook") > 0,
        "a commit takes time");
  }

  @Test
  void theOpenConnectionsOfEachPortAndTheCallsInFlightOfEachProtocolAreShown() throws Exception {
    try (RpcConnection grpc = RpcConnection.open(server.clientSettings())) {
      grpc.calculator().add(1, 1);
      MetricsScraper.Samples samples = scrape();
      assertTrue(
          samples.value("netlab_open_connections", "port", "grpc") >= 1, "the open gRPC channel");
      assertTrue(
          samples.value("netlab_open_connections", "port", "xmlrpc") >= 1, "the scrape's own");
      for (String protocol : List.of("grpc", "xmlrpc", "connect")) {
        assertTrue(
            samples.series("netlab_calls_in_flight").contains(Map.of("protocol", protocol)),
            protocol);
      }
    }
  }

  @Test
  void theJvmsOwnMetricsAreShown() throws Exception {
    MetricsScraper.Samples samples = scrape();
    for (String name :
        List.of(
            "jvm_memory_used_bytes",
            "jvm_gc_memory_allocated_bytes_total",
            "jvm_threads_live_threads",
            "jvm_classes_loaded_classes",
            "system_available_processors",
            "process_cpu_seconds_total",
            "process_cpu_usage",
            "process_uptime_seconds",
            "process_files_open_files",
            "jvm_info")) {
      assertTrue(samples.has(name), name);
    }
  }

  private static MetricsScraper.Samples scrape() throws Exception {
    return scraper.scrape(server.adminToken());
  }

  private static String[] grpc(String service, String method, String code) {
    return new String[] {"service", service, "method", method, "protocol", "grpc", "code", code};
  }

  private static String[] xmlRpc(String service, String method, String code) {
    return new String[] {"service", service, "method", method, "protocol", "xmlrpc", "code", code};
  }

  private static void assertMoved(
      MetricsScraper.Samples before,
      MetricsScraper.Samples after,
      double by,
      String name,
      String... labels) {
    assertEquals(
        by,
        after.value(name, labels) - before.value(name, labels),
        name + " " + String.join(",", labels));
  }

  /** Runs {@code script} with the XML-RPC URL and the CA as arguments; answers its output. */
  private static String python(String script) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3", "-c", script));
    command.add(server.xmlRpcUrl().replace("127.0.0.1", "localhost"));
    command.add(server.caFile().toString());
    Process python = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(python.waitFor(30, TimeUnit.SECONDS), output);
    assertEquals(0, python.exitValue(), output);
    return output;
  }

  private static boolean pythonAvailable() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
