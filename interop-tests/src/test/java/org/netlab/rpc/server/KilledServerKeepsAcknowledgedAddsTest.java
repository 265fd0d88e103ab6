package org.netlab.rpc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.access.AuditEvent;
import org.netlab.access.Role;
import org.netlab.access.TokenRecord;
import org.netlab.access.Tokens;
import org.netlab.datadir.DataDirectory;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;
import org.netlab.phonebook.store.JdbcStore;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.cli.RpcServerCommand;

/**
 * A real {@code rpc-server} process killed with SIGKILL while callers add entries through our gRPC
 * client, then started again on the same store: every add it acknowledged is there, with its one
 * audit event, and none was applied twice (a second application would have answered ALREADY_EXISTS
 * to a name sent once, or left two audit events).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KilledServerKeepsAcknowledgedAddsTest {
  private static final String POSTGRES = "NETLAB_TEST_POSTGRES_URL";
  private static final int CALLERS = 16;

  /** Adds acknowledged before the kill: enough for many commits shared by several writes. */
  private static final int ACKNOWLEDGED_BEFORE_KILL = 400;

  private static final Pattern GRPC_URL = Pattern.compile("endpoint +(grpcs://\\S+)");

  @TempDir Path temp;
  private Path dataDir;

  @BeforeEach
  void makeDataDirectory() {
    dataDir = temp.resolve("data");
  }

  @Test
  void onSqliteEveryAcknowledgedAddIsThereOnceAfterKillAndRestart() throws Exception {
    killDuringAddsThenCheck(List.of(), () -> JdbcStore.openEmbedded(dataDir));
  }

  @Test
  void onPostgresqlEveryAcknowledgedAddIsThereOnceAfterKillAndRestart() throws Exception {
    String url = System.getenv(POSTGRES);
    Assumptions.assumeTrue(
        url != null && url.startsWith("jdbc:postgresql:"),
        POSTGRES
            + " names no PostgreSQL database (CI sets it; locally: export "
            + POSTGRES
            + "=\"$(.ci/postgres start)\")");
    killDuringAddsThenCheck(List.of("--store", url), () -> JdbcStore.open(url));
  }

  private void killDuringAddsThenCheck(List<String> storeOptions, StoreOpener opener)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String prefix = "kill-" + run + "-";
    // A writer's token of this run: a shared PostgreSQL may hold tokens already, and then the
    // server writes no admin token on its first start.
    String token = Tokens.generate();
    try (JdbcStore store = opener.open()) {
      store
          .tokens()
          .create(
              new TokenRecord(
                  "kill-test-" + run, Role.WRITER, Tokens.hash(token), Instant.now(), null));
    }
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> sent = ConcurrentHashMap.newKeySet();
    Map<String, ErrorCode> refused = new ConcurrentHashMap<>();

    Process server = startServer(storeOptions, "first");
    try (RpcConnection connection = RpcConnection.open(settings(grpcUrl(server, "first"), token))) {
      AtomicBoolean stop = new AtomicBoolean();
      try (ExecutorService callers = Executors.newFixedThreadPool(CALLERS)) {
        for (int c = 0; c < CALLERS; c++) {
          int caller = c;
          callers.execute(
              () -> {
                for (int i = 0; !stop.get(); i++) {
                  String name = prefix + caller + "-" + i;
                  sent.add(name);
                  try {
                    connection.phonebook().add(name, "555-0100");
                    acknowledged.add(name);
                  } catch (ServiceException e) {
                    refused.put(name, e.code());
                    if (e.code() == ErrorCode.UNAVAILABLE || !server.isAlive()) {
                      return; // the server is gone; this caller is done
                    }
                  } catch (RuntimeException e) {
                    return; // the transport broke with the server
                  }
                }
              });
        }
        while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && server.isAlive()) {
          Thread.sleep(5);
        }
        assertTrue(server.isAlive(), "the server died before the kill: " + log("first"));
        server.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of the store
        server.waitFor();
        stop.set(true);
      }
    } finally {
      server.destroyForcibly();
    }

    assertTrue(
        acknowledged.size() >= ACKNOWLEDGED_BEFORE_KILL, "acknowledged " + acknowledged.size());
    refused.values().removeIf(code -> code == ErrorCode.UNAVAILABLE);
    assertEquals(Map.of(), refused, "adds refused for another reason than the kill");

    Process again = startServer(storeOptions, "second");
    Set<String> present;
    try (RpcConnection connection = RpcConnection.open(settings(grpcUrl(again, "second"), token))) {
      present =
          connection.phonebook().list(prefix).stream()
              .map(Entry::name)
              .collect(Collectors.toCollection(TreeSet::new));
    } finally {
      again.destroy();
      again.waitFor();
    }
    Set<String> lost = new TreeSet<>(acknowledged);
    lost.removeAll(present);
    assertEquals(Set.of(), lost, "acknowledged adds missing after the restart");
    Set<String> invented = new TreeSet<>(present);
    invented.removeAll(sent);
    assertEquals(Set.of(), invented, "entries nobody sent");

    Map<String, Long> auditedAdds;
    try (JdbcStore store = opener.open()) {
      auditedAdds =
          store.audit().recent(Integer.MAX_VALUE).stream()
              .filter(event -> event.subject().startsWith(prefix) && event.outcome().equals("OK"))
              .collect(Collectors.groupingBy(AuditEvent::subject, Collectors.counting()));
    }
    for (String name : acknowledged) {
      assertEquals(1L, auditedAdds.getOrDefault(name, 0L), "audit events of the add of " + name);
    }
    auditedAdds.values().removeIf(count -> count == 1L);
    assertEquals(Map.of(), auditedAdds, "adds audited more than once");
  }

  /** Starts {@code rpc-server} as its own process on free ports, its output in a file. */
  private Process startServer(List<String> storeOptions, String run) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RpcServerCommand.class.getName());
    command.addAll(
        List.of(
            "--data-dir",
            dataDir.toString(),
            "--grpc-port",
            "0",
            "--xmlrpc-port",
            "0",
            "--rate-limit",
            "1000000/1s"));
    command.addAll(storeOptions);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(temp.resolve(run + ".log").toFile())
        .start();
  }

  /** The gRPC URL the server logs once it serves. */
  private String grpcUrl(Process server, String run) throws Exception {
    while (server.isAlive()) {
      Matcher url = GRPC_URL.matcher(log(run));
      if (url.find()) {
        return url.group(1);
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("rpc-server did not start: " + log(run));
  }

  private String log(String run) throws IOException {
    Path file = temp.resolve(run + ".log");
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private ClientSettings settings(String url, String token) {
    return ClientSettings.forUrl(url).withCaFile(DataDirectory.caFile(dataDir)).withToken(token);
  }

  /** Opens the store the server uses: to add the test's token, and to read the audit trail. */
  @FunctionalInterface
  private interface StoreOpener {
    JdbcStore open();
  }
}
