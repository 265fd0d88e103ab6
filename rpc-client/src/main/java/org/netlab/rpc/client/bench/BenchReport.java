package org.netlab.rpc.client.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** Prints {@code bench} results for people, and the live progress line on a terminal. */
public final class BenchReport {
  private static final double WARN_BELOW_TARGET = 0.95;

  private BenchReport() {}

  public static void print(PrintWriter out, BenchResult r) {
    String mode =
        r.targetRate() == null
            ? "closed loop"
            : "open loop at " + format("%.0f", r.targetRate()) + " calls/s";
    out.println(
        r.call()
            + " over "
            + r.server()
            + ": "
            + mode
            + ", concurrency "
            + r.concurrency()
            + " on "
            + r.connections()
            + (r.connections() == 1 ? " connection, " : " connections, ")
            + r.api()
            + " API, "
            + format("%.0f", r.warmupSeconds())
            + " s warm-up");
    out.println(
        "calls     "
            + r.calls()
            + " in "
            + format("%.2f", r.seconds())
            + " s, "
            + (r.errorCount() == 0 ? "no errors" : r.errorCount() + " errors"));
    out.println(
        "rate      "
            + format("%.1f", r.callsPerSecond())
            + " calls/s"
            + (r.clientCpuCores() == null
                ? ""
                : ", this client using " + format("%.2f", r.clientCpuCores()) + " cores"));
    BenchResult.Latency l = r.latencyMillis();
    out.println(
        "latency   p50 "
            + ms(l.p50())
            + "  p90 "
            + ms(l.p90())
            + "  p99 "
            + ms(l.p99())
            + "  p99.9 "
            + ms(l.p999())
            + "  max "
            + ms(l.max()));
    if (!r.errors().isEmpty()) {
      out.println(
          "errors    "
              + r.errors().entrySet().stream()
                  .map(e -> e.getKey() + ": " + e.getValue())
                  .collect(Collectors.joining(", ")));
    }
    if (r.servedBy().size() > 1) {
      long answers = r.servedBy().values().stream().mapToLong(Long::longValue).sum();
      out.println(
          "served by "
              + r.servedBy().entrySet().stream()
                  .map(e -> e.getKey() + " " + format("%.1f", 100.0 * e.getValue() / answers) + "%")
                  .collect(Collectors.joining(", ")));
    }
    if (r.addedNamePrefix() != null) {
      out.println(
          "added     entries named " + r.addedNamePrefix() + "N, one per call (left in place)");
    }
    if (r.targetRate() != null && r.callsPerSecond() < r.targetRate() * WARN_BELOW_TARGET) {
      out.println(
          "warning   reached "
              + format("%.0f", r.callsPerSecond())
              + " of "
              + format("%.0f", r.targetRate())
              + " calls/s: the server is saturated, or raise"
              + " --concurrency so that more calls can wait at once; latencies include the lag");
    }
    out.flush();
  }

  /** One line, rewritten in place each second. */
  public static LoadGenerator.Progress progressLine(PrintWriter out) {
    return snapshot -> {
      Histogram interval = snapshot.interval();
      double rate = interval.getTotalCount() / Math.max(snapshot.intervalSeconds(), 1e-3);
      String line =
          (snapshot.warmingUp() ? "warm-up " : "")
              + format("%5.1f", snapshot.seconds())
              + " s  "
              + snapshot.calls()
              + " calls  "
              + format("%.0f", rate)
              + " calls/s  p99 "
              + ms(interval.getValueAtPercentile(99) / 1e6)
              + "  "
              + snapshot.errors()
              + " errors";
      out.print("\r" + line + "\033[K");
      out.flush();
    };
  }

  /** Wipes the progress line before the report. */
  public static void clearProgress(PrintWriter out) {
    out.print("\r\033[K");
    out.flush();
  }

  private static String ms(double millis) {
    return format("%.3f", millis) + " ms";
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
