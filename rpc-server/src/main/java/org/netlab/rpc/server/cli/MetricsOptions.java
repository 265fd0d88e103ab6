package org.netlab.rpc.server.cli;

import java.util.Optional;
import org.netlab.access.Gatekeeper;
import org.netlab.rpc.server.http.HttpRoute;
import org.netlab.rpc.server.metrics.MetricsRoute;
import org.netlab.rpc.server.metrics.ServerMetrics;
import picocli.CommandLine.Option;

/** Whether the server keeps metrics, and who may read them: {@code --metrics}, its openness. */
final class MetricsOptions {
  /** Whether metrics are kept. */
  enum Switch {
    on,
    off
  }

  @Option(
      names = "--metrics",
      paramLabel = "on|off",
      description = {
        "on: count and time calls, served at GET /metrics on the XML-RPC",
        "port in Prometheus's format (default); off: no metrics, no cost."
      })
  Switch metrics = Switch.on;

  @Option(
      names = "--metrics-public",
      description = {
        "Let anyone read /metrics, without a token or certificate",
        "(default: callers with the reader role or more)."
      })
  boolean open;

  boolean enabled() {
    return metrics == Switch.on;
  }

  /** The server's metrics; empty with {@code --metrics off}. */
  Optional<ServerMetrics> create() {
    return enabled() ? Optional.of(new ServerMetrics()) : Optional.empty();
  }

  /** The route that serves {@code serverMetrics}, to whom these options say. */
  HttpRoute route(ServerMetrics serverMetrics, Gatekeeper gatekeeper) {
    return open
        ? MetricsRoute.open(serverMetrics)
        : MetricsRoute.checkedBy(serverMetrics, gatekeeper);
  }

  /**
   * Who may read the metrics, for the start-up banner.
   *
   * @param callersChecked whether the server checks its callers at all (not {@code --auth none})
   */
  String readers(boolean callersChecked) {
    if (open) {
      return "anyone (--metrics-public)";
    }
    return callersChecked ? "callers with the reader role or more" : "anyone (--auth none)";
  }
}
