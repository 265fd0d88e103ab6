package org.netlab.rpc.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import org.netlab.datadir.DataDirectory;
import org.netlab.rpc.server.RpcServer;
import org.netlab.tls.SslContexts;
import picocli.CommandLine;

/**
 * The server's metrics options, on the server the command starts: {@code --metrics-public} lets
 * anyone read {@code /metrics}, {@code --metrics off} serves nothing there, and the one without the
 * other is a usage error.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsOptionsTest {
  @TempDir Path dataDir;

  @Test
  void byDefaultAnAnonymousScrapeIsRefused() throws Exception {
    assertEquals(401, anonymousScrape());
  }

  @Test
  void withMetricsPublicAnAnonymousScrapeIsAnswered() throws Exception {
    assertEquals(200, anonymousScrape("--metrics-public"));
  }

  @Test
  void withMetricsOffNothingIsServedAtMetrics() throws Exception {
    assertEquals(404, anonymousScrape("--metrics", "off"));
  }

  @Test
  void metricsPublicWithMetricsOffIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine line = RpcServerCommand.commandLine(new RpcServerCommand());
    line.setErr(new PrintWriter(err));
    int exit =
        line.execute("--metrics", "off", "--metrics-public", "--data-dir", dataDir.toString());
    assertEquals(ExitCodes.USAGE, exit);
    assertEquals(
        "rpc-server: --metrics-public needs --metrics on\ntry 'rpc-server --help'\n",
        err.toString());
  }

  /** Starts the command with {@code options}, scrapes it without credentials, stops it. */
  private int anonymousScrape(String... options) throws Exception {
    RpcServerCommand command = new RpcServerCommand();
    CompletableFuture<RpcServer> started = new CompletableFuture<>();
    command.onStarted(started::complete);
    List<String> arguments =
        new ArrayList<>(
            List.of("--grpc-port", "0", "--xmlrpc-port", "0", "--data-dir", dataDir.toString()));
    arguments.addAll(List.of(options));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> RpcServerCommand.commandLine(command).execute(arguments.toArray(String[]::new)));
    RpcServer server = started.get(30, TimeUnit.SECONDS);
    try {
      HttpClient http =
          HttpClient.newBuilder()
              .sslContext(SslContexts.forClient(DataDirectory.caFile(dataDir), null, null))
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      URI metrics = URI.create(server.urls().get(1)).resolve("/metrics");
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (answer.statusCode() == 200) {
        assertTrue(answer.body().contains("netlab_calls_in_flight"), answer.body());
      }
      return answer.statusCode();
    } finally {
      server.close();
      assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    }
  }
}
