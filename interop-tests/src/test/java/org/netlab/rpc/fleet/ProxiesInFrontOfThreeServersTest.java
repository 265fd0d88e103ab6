package org.netlab.rpc.fleet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.tls.SslContexts;

/**
 * nginx and HAProxy, configured by the files in {@code deploy/}, in front of three {@code
 * rpc-server} processes over one PostgreSQL: calls of both protocols through a proxy reach every
 * server, an independent client (curl) gets answers that name their server, and a server killed
 * (SIGKILL) or stopped (SIGTERM, so it drains) under load costs no call and no acknowledged add.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ProxiesInFrontOfThreeServersTest {
  private static final int CALLS = 600;
  private static final List<String> SERVERS = List.of("s1", "s2", "s3");
  private static final int AFFECTED = 2;
  private static final int CALLERS = 8;
  private static final int ADDS_BEFORE_EVENT = 150;
  private static final int CALLS_AFTER_EVENT = 600;
  private static final Duration LOAD_AFTER_EVENT = Duration.ofSeconds(3);
  private static final Duration LOAD_BOUND = Duration.ofSeconds(60);
  private static final Pattern SERVED_BY = Pattern.compile("(?m)^x-served-by: *(\\S+)");

  @TempDir static Path temp;
  private static ThrowawayPostgres postgres;
  private static ServerFleet fleet;

  @BeforeAll
  static void startThreeServers() throws Exception {
    postgres = ThrowawayPostgres.create();
    fleet = ServerFleet.start(3, postgres.jdbcUrl(), temp.resolve("fleet"));
  }

  @AfterAll
  static void stopThem() throws Exception {
    if (fleet != null) {
      fleet.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Proxy.class)
  void grpcCallsThroughTheProxyReachEveryServer(Proxy proxy) throws Exception {
    try (RunningProxy running = proxy.start(fleet, runDirectory(proxy));
        RpcConnection connection = RpcConnection.open(settings(running.grpcUrl()))) {
      mixedCalls(connection, proxy + "-grpc-" + run() + "-");

      Map<String, Long> servedBy = connection.servedBy();
      assertEquals(SERVERS, List.copyOf(servedBy.keySet()), "servers that answered: " + servedBy);
      assertEquals(CALLS, servedBy.values().stream().mapToLong(Long::longValue).sum());
      servedBy.forEach(
          (server, answers) -> assertTrue(answers >= CALLS / 6, server + " served " + answers));
      System.out.printf("%s, gRPC: %d calls served by %s%n", proxy, CALLS, servedBy);
    }
  }

  @ParameterizedTest
  @EnumSource(Proxy.class)
  void xmlRpcCallsThroughTheProxyReachEveryServer(Proxy proxy) throws Exception {
    try (RunningProxy running = proxy.start(fleet, runDirectory(proxy));
        RpcConnection connection = RpcConnection.open(settings(running.xmlRpcUrl()))) {
      // Our XML-RPC client does not count x-served-by (its servedBy() stays empty), so each
      // server's own count of XML-RPC calls, from /metrics, tells the spread.
      Map<String, Long> before = xmlRpcCallsByServer();
      mixedCalls(connection, proxy + "-xmlrpc-" + run() + "-");
      Map<String, Long> after = xmlRpcCallsByServer();

      Map<String, Long> served = new TreeMap<>();
      after.forEach((server, calls) -> served.put(server, calls - before.get(server)));
      assertEquals(CALLS, served.values().stream().mapToLong(Long::longValue).sum(), "" + served);
      served.forEach(
          (server, answers) -> assertTrue(answers >= CALLS / 6, server + " served " + answers));
      System.out.printf(
          "%s, XML-RPC: %d calls served by %s (servers' metrics); client's servedBy(): %s%n",
          proxy, CALLS, served, connection.servedBy());
    }
  }

  @ParameterizedTest
  @EnumSource(Proxy.class)
  void curlGetsAnswersNamingTheirServerThroughTheProxy(Proxy proxy) throws Exception {
    Path curl = Programs.assumeInstalled("curl", "curl");
    try (RunningProxy running = proxy.start(fleet, runDirectory(proxy))) {
      String xml =
          "<?xml version=\"1.0\"?><methodCall><methodName>calculator.add</methodName><params>"
              + "<param><value><int>2</int></value></param>"
              + "<param><value><int>3</int></value></param></params></methodCall>";
      CurlAnswer xmlRpc =
          curl(
              curl,
              running.xmlRpcUrl(),
              xml.getBytes(StandardCharsets.UTF_8),
              "-H",
              "Content-Type: text/xml");
      assertTrue(xmlRpc.head().startsWith("HTTP/1.1 200"), xmlRpc.head());
      assertTrue(SERVERS.contains(servedBy(xmlRpc.head())), xmlRpc.head());
      assertTrue(xmlRpc.text().contains("<double>5.0</double>"), xmlRpc.text());

      // A gRPC call by hand: Health/Check with an empty request (a 5-byte frame header of zeros).
      CurlAnswer grpc =
          curl(
              curl,
              running.grpcUrl().replace("grpcs://", "https://") + "/grpc.health.v1.Health/Check",
              new byte[5],
              "--http2",
              "-H",
              "Content-Type: application/grpc",
              "-H",
              "TE: trailers");
      assertTrue(grpc.head().startsWith("HTTP/2 200"), grpc.head());
      assertTrue(grpc.head().contains("grpc-status: 0"), grpc.head());
      assertTrue(SERVERS.contains(servedBy(grpc.head())), grpc.head());
    }
  }

  @ParameterizedTest
  @EnumSource(Proxy.class)
  void aServerKilledUnderLoadCostsNoCallAndNoAcknowledgedAdd(Proxy proxy) throws Exception {
    underLoadThroughProxy(proxy, "killed", () -> fleet.kill(AFFECTED));
  }

  @ParameterizedTest
  @EnumSource(Proxy.class)
  void aServerStoppedWithSigtermUnderLoadCostsNoCallAndNoAcknowledgedAdd(Proxy proxy)
      throws Exception {
    underLoadThroughProxy(proxy, "stopped (SIGTERM, drain)", () -> fleet.stop(AFFECTED));
  }

  /**
   * Steady load through the proxy's gRPC port; once it is warm, {@code event} hits server {@link
   * #AFFECTED}; the load goes on, then the server is started again. Every call must have succeeded,
   * and every acknowledged add must be stored once.
   */
  private void underLoadThroughProxy(Proxy proxy, String what, FleetEvent event) throws Exception {
    String prefix = proxy + "-" + run() + "-";
    SteadyLoad load;
    long beforeEvent;
    Map<String, Long> servedBy;
    try (RunningProxy running = proxy.start(fleet, runDirectory(proxy));
        RpcConnection connection = RpcConnection.open(settings(running.grpcUrl()))) {
      load = new SteadyLoad(connection, prefix, CALLERS);
      try (load) {
        // Warm first: servers that have not served yet answer slowly for a second or two.
        load.await(
            () -> load.acknowledged().size() >= ADDS_BEFORE_EVENT, LOAD_BOUND, "warm-up adds");
        beforeEvent = load.answered();
        long eventAt = System.nanoTime();
        event.hit();
        load.await(
            () ->
                load.answered() - beforeEvent >= CALLS_AFTER_EVENT
                    && System.nanoTime() - eventAt >= LOAD_AFTER_EVENT.toNanos(),
            LOAD_BOUND,
            "calls after the event");
      }
      servedBy = connection.servedBy();
    } finally {
      if (!fleet.running(AFFECTED)) {
        fleet.start(AFFECTED); // for the next case
      }
    }
    System.out.printf(
        "%s, s%d %s under load: %d calls answered before, %d after, %d adds acknowledged,"
            + " answers by %s, %d failed: %s%n",
        proxy,
        AFFECTED,
        what,
        beforeEvent,
        load.answered() - beforeEvent,
        load.acknowledged().size(),
        servedBy,
        load.failures().size(),
        load.failures());

    Map<String, Integer> stored = storedEntries(prefix);
    Set<String> lost = new TreeSet<>(load.acknowledged());
    lost.removeAll(stored.keySet());
    Set<String> invented = new TreeSet<>(stored.keySet());
    invented.removeAll(load.sent());
    Map<String, Integer> repeated = new TreeMap<>(stored);
    repeated.values().removeIf(rows -> rows == 1);
    assertAll(
        // A retried add answered ALREADY_EXISTS means its first attempt was applied by the
        // affected server just before it died, and the server that got it again did not
        // recognize the call's idempotency key: writes are applied once only when the server
        // records those keys.
        () -> assertEquals(Map.of(), load.failures(), "calls that failed through " + proxy),
        () -> assertEquals(Set.of(), lost, "acknowledged adds missing from the database"),
        () -> assertEquals(Set.of(), invented, "entries nobody sent"),
        () -> assertEquals(Map.of(), repeated, "names stored more than once"));
  }

  /** What happens to a server of the fleet during a test. */
  @FunctionalInterface
  private interface FleetEvent {
    void hit() throws Exception;
  }

  /** {@link #CALLS} calls: calculator adds, phonebook adds and finds of what was just added. */
  private static void mixedCalls(RpcConnection connection, String prefix) {
    for (int i = 0; i < CALLS; i++) {
      switch (i % 3) {
        case 0 -> assertEquals(i + 1.0, connection.calculator().add(i, 1));
        case 1 -> connection.phonebook().add(prefix + i, "555-0100");
        default ->
            assertEquals(prefix + (i - 1), connection.phonebook().find(prefix + (i - 1)).name());
      }
    }
  }

  /** Rows per name of the phonebook, read straight from PostgreSQL. */
  private static Map<String, Integer> storedEntries(String prefix) throws SQLException {
    Map<String, Integer> rows = new HashMap<>();
    try (Connection database = DriverManager.getConnection(postgres.jdbcUrl());
        PreparedStatement query =
            database.prepareStatement(
                "SELECT name, count(*) FROM phonebook_entries WHERE name LIKE ? GROUP BY name")) {
      query.setString(1, prefix + "%");
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          rows.put(result.getString(1), result.getInt(2));
        }
      }
    }
    return rows;
  }

  /** Each server's count of XML-RPC calls answered so far, read from its {@code /metrics}. */
  private static Map<String, Long> xmlRpcCallsByServer() throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(SslContexts.forClient(fleet.caFile(), null, null))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Map<String, Long> calls = new TreeMap<>();
    for (int i = 1; i <= fleet.size(); i++) {
      URI metrics = URI.create(fleet.xmlRpcUrl(i).replace("/RPC2", "/metrics"));
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(metrics)
                  .header("Authorization", "Bearer " + fleet.writerToken())
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode(), answer.body());
      long sum =
          answer
              .body()
              .lines()
              .filter(line -> line.startsWith("netlab_calls_total{"))
              .filter(line -> line.contains("protocol=\"xmlrpc\""))
              .mapToLong(
                  line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
              .sum();
      calls.put("s" + i, sum);
    }
    return calls;
  }

  /**
   * What curl received: the status line and headers (trailers too), names in lower case; the body.
   */
  private record CurlAnswer(String head, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** One POST by curl, an independent client, trusting the fleet's CA and sending its token. */
  private static CurlAnswer curl(Path curl, String url, byte[] body, String... options)
      throws IOException, InterruptedException {
    Path request = Files.createTempFile(temp, "request", ".bin");
    Path head = Files.createTempFile(temp, "head", ".txt");
    Path answer = Files.createTempFile(temp, "answer", ".bin");
    Files.write(request, body);
    List<String> command = new ArrayList<>(List.of(curl.toString(), "-sS", "--max-time", "20"));
    command.addAll(List.of("--cacert", fleet.caFile().toString()));
    command.addAll(List.of("-H", "Authorization: Bearer " + fleet.writerToken()));
    command.addAll(List.of("--data-binary", "@" + request));
    command.addAll(List.of("-D", head.toString(), "-o", answer.toString()));
    command.addAll(List.of(options));
    command.add(url);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), printed);
    assertEquals(0, process.exitValue(), printed);
    StringBuilder lines = new StringBuilder();
    Files.readString(head, StandardCharsets.ISO_8859_1)
        .replace("\r", "")
        .lines()
        .forEach(line -> lines.append(lowerCaseName(line)).append('\n'));
    return new CurlAnswer(lines.toString(), Files.readAllBytes(answer));
  }

  private static String lowerCaseName(String headerLine) {
    int colon = headerLine.indexOf(':');
    return colon < 0
        ? headerLine
        : headerLine.substring(0, colon).toLowerCase(Locale.ROOT) + headerLine.substring(colon);
  }

  private static String servedBy(String headers) {
    Matcher name = SERVED_BY.matcher(headers);
    return name.find() ? name.group(1) : null;
  }

  private static ClientSettings settings(String url) {
    return ClientSettings.forUrl(url).withCaFile(fleet.caFile()).withToken(fleet.writerToken());
  }

  private static Path runDirectory(Proxy proxy) throws IOException {
    return Files.createTempDirectory(temp, proxy.name().toLowerCase(Locale.ROOT) + "-");
  }

  private static String run() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
