package org.netlab.rpc.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.access.Role;
import org.netlab.rpc.server.LoopbackServer;

/**
 * {@code GET /metrics} sits behind the same checks as the calls: a reader's token opens it, as a
 * bearer token (Prometheus's {@code authorization} setting) or as HTTP Basic's password; anyone
 * else is refused by HTTP itself, 401 with the schemes taken.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsAccessTest {
  private static final String CHALLENGE = "Bearer realm=\"netlab\", Basic realm=\"netlab\"";

  @TempDir static Path dataDir;
  private static LoopbackServer server;
  private static MetricsScraper scraper;
  private static String readerToken;

  @BeforeAll
  static void start() throws IOException {
    server = LoopbackServer.start(dataDir);
    scraper = MetricsScraper.of(server);
    readerToken = server.access().tokens().create("prometheus", Role.READER, null).token();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anAnonymousScrapeIsRefusedWith401NamingTheSchemesTaken() throws Exception {
    HttpResponse<String> answer = scraper.get();
    assertEquals(401, answer.statusCode(), answer.body());
    assertEquals(CHALLENGE, answer.headers().firstValue("WWW-Authenticate").orElse(""));
    assertTrue(answer.body().contains("to read the metrics needs an identity"), answer.body());
  }

  @Test
  void aReadersTokenMayScrapeAsABearerTokenOrAsTheBasicPassword() throws Exception {
    HttpResponse<String> bearer = scraper.get("Authorization", "Bearer " + readerToken);
    assertEquals(200, bearer.statusCode(), bearer.body());
    assertTrue(bearer.body().contains("# TYPE netlab_calls_in_flight gauge"), bearer.body());

    String basic =
        Base64.getEncoder()
            .encodeToString(("prometheus:" + readerToken).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> answer = scraper.get("Authorization", "Basic " + basic);
    assertEquals(200, answer.statusCode(), answer.body());
  }

  @Test
  void anUnknownTokenIsRefusedWith401() throws Exception {
    HttpResponse<String> answer = scraper.get("Authorization", "Bearer nlt_not-a-token");
    assertEquals(401, answer.statusCode(), answer.body());
    assertEquals(CHALLENGE, answer.headers().firstValue("WWW-Authenticate").orElse(""));
  }

  @Test
  void aSchemeOtherThanBearerOrBasicIsRefusedWith401() throws Exception {
    HttpResponse<String> answer = scraper.get("Authorization", "Digest username=\"ada\"");
    assertEquals(401, answer.statusCode(), answer.body());
    assertTrue(answer.body().contains("must be 'Bearer TOKEN' or HTTP Basic"), answer.body());
  }
}
