package org.netlab.rpc.client.grpc;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc;
import org.netlab.rpc.client.RetryPolicy;
import org.netlab.rpc.client.ServerUrl;

/**
 * The service config (gRFC A2) our channels use, as grpc-java reads it (JSON as maps, lists,
 * strings and doubles):
 *
 * <ul>
 *   <li>retries (gRFC A6), as {@link RetryPolicy} numbers them, of every Calculator and Phonebook
 *       call that ends {@code UNAVAILABLE}: the calculator and the phonebook's reads change
 *       nothing, and its writes carry an idempotency key ({@link IdempotencyKeyInterceptor}) so
 *       that the server applies each once. Token administration is not retried. Retries stop at the
 *       call's deadline, and are throttled when most calls fail, so that an outage does not
 *       multiply the load;
 *   <li>with several servers, {@code round_robin} over them, each checked by the standard health
 *       service (gRFC A17), so that a draining or dead server gets no new calls.
 * </ul>
 */
final class ChannelServiceConfig {
  private ChannelServiceConfig() {}

  static Map<String, Object> forUrl(ServerUrl url) {
    Map<String, Object> retryPolicy =
        Map.of(
            "maxAttempts", (double) RetryPolicy.MAX_ATTEMPTS,
            "initialBackoff", seconds(RetryPolicy.INITIAL_BACKOFF),
            "maxBackoff", seconds(RetryPolicy.MAX_BACKOFF),
            "backoffMultiplier", RetryPolicy.BACKOFF_MULTIPLIER,
            "retryableStatusCodes", List.of("UNAVAILABLE"));
    Map<String, Object> retried =
        Map.of(
            "name",
            List.of(
                Map.of("service", CalculatorServiceGrpc.SERVICE_NAME),
                Map.of("service", PhonebookServiceGrpc.SERVICE_NAME)),
            "retryPolicy",
            retryPolicy);
    List<Map.Entry<String, Object>> config = new ArrayList<>();
    config.add(Map.entry("methodConfig", List.of(retried)));
    // At most 50 failed calls in a row still retry; then one in ten successes earns a retry back.
    config.add(Map.entry("retryThrottling", Map.of("maxTokens", 100.0, "tokenRatio", 0.1)));
    if (url.severalServers()) {
      config.add(Map.entry("loadBalancingConfig", List.of(Map.of("round_robin", Map.of()))));
      config.add(Map.entry("healthCheckConfig", Map.of("serviceName", "")));
    }
    return Map.ofEntries(config.toArray(Map.Entry[]::new));
  }

  /** A duration as the service config writes it, such as {@code 0.05s}. */
  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
  }
}
