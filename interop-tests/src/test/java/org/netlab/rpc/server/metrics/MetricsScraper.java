package org.netlab.rpc.server.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.tls.SslContexts;

/**
 * Reads {@code /metrics} as a scraper does, with the JDK's {@link HttpClient} trusting the server's
 * CA, and finds values in the answer by series name and labels, so that a test compares counts
 * before and after a call.
 */
final class MetricsScraper {
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final HttpClient http;
  private final URI url;

  private MetricsScraper(HttpClient http, URI url) {
    this.http = http;
    this.url = url;
  }

  /** A scraper of {@code server}'s metrics. */
  static MetricsScraper of(LoopbackServer server) throws IOException {
    return at(server.metricsUrl(), server.caFile());
  }

  /** A scraper of the metrics at {@code url}, trusting {@code ca}. */
  static MetricsScraper at(URI url, Path ca) throws IOException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(SslContexts.forClient(ca, null, null))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    return new MetricsScraper(http, url);
  }

  /** {@code GET /metrics} with {@code headers} (name, value, name, value...). */
  HttpResponse<String> get(String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The raw answer, for a body that is not text (gzip). */
  HttpResponse<byte[]> getBytes(String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The metrics as {@code token}'s holder reads them; fails unless the answer is 200. */
  Samples scrape(String token) throws IOException, InterruptedException {
    HttpResponse<String> answer = get("Authorization", "Bearer " + token);
    if (answer.statusCode() != 200) {
      throw new AssertionError(
          "GET /metrics answered " + answer.statusCode() + ": " + answer.body());
    }
    return Samples.parse(answer.body());
  }

  /** The samples of one scrape in the text format: a value per series name and labels. */
  record Samples(Map<String, Map<Map<String, String>, Double>> byName) {
    static Samples parse(String text) {
      Map<String, Map<Map<String, String>, Double>> byName = new HashMap<>();
      for (String line : text.lines().toList()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        String name = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
        Map<String, String> labels = new LinkedHashMap<>();
        if (brace >= 0) {
          Matcher label = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
          while (label.find()) {
            labels.put(label.group(1), label.group(2));
          }
        }
        byName
            .computeIfAbsent(name, any -> new HashMap<>())
            .put(labels, Double.parseDouble(line.substring(space + 1)));
      }
      return new Samples(byName);
    }

    /**
     * The value of the series {@code name} with exactly these labels (name, value, name, value...);
     * 0 when the scrape has none, as for a counter not yet made.
     */
    double value(String name, String... labels) {
      Map<String, String> wanted = new HashMap<>();
      for (int i = 0; i < labels.length; i += 2) {
        wanted.put(labels[i], labels[i + 1]);
      }
      return byName.getOrDefault(name, Map.of()).entrySet().stream()
          .filter(series -> series.getKey().equals(wanted))
          .mapToDouble(Map.Entry::getValue)
          .findFirst()
          .orElse(0);
    }

    /** Whether the scrape has any series named {@code name}. */
    boolean has(String name) {
      return byName.containsKey(name);
    }

    /** The label sets of the series named {@code name}. */
    List<Map<String, String>> series(String name) {
      return List.copyOf(byName.getOrDefault(name, Map.of()).keySet());
    }
  }
}
