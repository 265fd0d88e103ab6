package org.netlab.rpc.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;

/**
 * What a scrape of the real server looks like to the tools that read it: Prometheus's own linter
 * ({@code promtool check metrics}, Debian package {@code prometheus}) accepts it, and it comes in
 * OpenMetrics or gzipped when the scraper asks, as Prometheus does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsFormatTest {
  @TempDir static Path dataDir;
  private static LoopbackServer server;
  private static MetricsScraper scraper;

  @BeforeAll
  static void startAndUse() throws Exception {
    server = LoopbackServer.start(dataDir);
    scraper = MetricsScraper.of(server);
    // Every kind of series present: calls of both protocols, a failure, a store write.
    try (RpcConnection grpc = RpcConnection.open(server.clientSettings());
        RpcConnection xmlRpc = RpcConnection.open(server.xmlRpcClientSettings())) {
      grpc.calculator().add(2, 3);
      xmlRpc.calculator().add(2, 3);
      grpc.phonebook().add("Format Witness", "555-0100");
      try {
        xmlRpc.calculator().divide(1, 0);
      } catch (RuntimeException expected) {
        // counted as INVALID_ARGUMENT
      }
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aScrapeOfAServerInUsePassesPromtoolCheckMetrics() throws Exception {
    assumeTrue(
        promtoolAvailable(), "skipped: promtool is not installed (Debian package prometheus)");
    HttpResponse<String> answer = scraper.get("Authorization", "Bearer " + server.adminToken());
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals(
        "text/plain; version=0.0.4; charset=utf-8",
        answer.headers().firstValue("Content-Type").orElse(""));
    assertTrue(answer.body().contains("netlab_calls_total{"), answer.body());

    Process promtool =
        new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = promtool.getOutputStream()) {
      in.write(answer.body().getBytes(StandardCharsets.UTF_8));
    }
    String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), verdict);
    assertEquals(0, promtool.exitValue(), "promtool check metrics: " + verdict);
  }

  @Test
  void aScraperThatAsksForOpenMetricsGetsOpenMetrics() throws Exception {
    // What Prometheus 2 sends by default.
    HttpResponse<String> answer =
        scraper.get(
            "Authorization",
            "Bearer " + server.adminToken(),
            "Accept",
            "application/openmetrics-text;version=1.0.0;q=0.5,"
                + "application/openmetrics-text;version=0.0.1;q=0.4,"
                + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2");
    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(
        answer
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/openmetrics-text; version=1.0.0"),
        answer.headers().toString());
    assertTrue(answer.body().endsWith("# EOF\n"), "an OpenMetrics body ends with # EOF");
    assertTrue(answer.body().contains("netlab_calls_total{"), answer.body());
  }

  @Test
  void aScraperThatAcceptsGzipGetsTheMetricsGzipped() throws Exception {
    HttpResponse<byte[]> answer =
        scraper.getBytes(
            "Authorization", "Bearer " + server.adminToken(), "Accept-Encoding", "gzip");
    assertEquals(200, answer.statusCode());
    assertEquals("gzip", answer.headers().firstValue("Content-Encoding").orElse(""));
    String text;
    try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
      text = new String(unzipped.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(text.contains("netlab_calls_total{"), text);
  }

  private static boolean promtoolAvailable() {
    try {
      return new ProcessBuilder("promtool", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
