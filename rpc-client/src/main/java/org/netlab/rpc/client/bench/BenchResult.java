package org.netlab.rpc.client.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What {@code bench} reports, as printed by {@code --json}. Latencies are in milliseconds and cover
 * the calls that succeeded; {@code calls} counts every call that completed, errors included.
 *
 * @param connections connections the callers were shared out among
 * @param api {@code async} or {@code blocking}: how the callers waited for their answers
 * @param targetRate the open-loop rate asked for, or null in closed loop
 * @param clientCpuCores the CPU {@code bench} itself used while measuring, in cores, or null when
 *     the JVM cannot tell
 * @param warmupCalls the calls the warm-up made, errors included (not in {@code calls}): a
 *     phonebook.add's warm-up adds entries too
 * @param warmupErrorCount how many of those failed
 * @param addedNamePrefix for phonebook.add, the prefix of the entries it added, warm-up included;
 *     else null
 * @param servedBy answers by the server that gave them ({@code x-served-by}), warm-up and the first
 *     check call included: how the calls spread over several servers
 */
public record BenchResult(
    String call,
    String server,
    String mode,
    int concurrency,
    int connections,
    String api,
    Double targetRate,
    double warmupSeconds,
    long warmupCalls,
    long warmupErrorCount,
    double seconds,
    long calls,
    long errorCount,
    Map<String, Long> errors,
    double callsPerSecond,
    Latency latencyMillis,
    Double clientCpuCores,
    String addedNamePrefix,
    Map<String, Long> servedBy) {

  /** Latency percentiles in milliseconds. */
  public record Latency(
      double p50, double p90, double p99, @JsonProperty("p99.9") double p999, double max) {
    public static Latency of(Histogram nanos) {
      return new Latency(
          millis(nanos.getValueAtPercentile(50)),
          millis(nanos.getValueAtPercentile(90)),
          millis(nanos.getValueAtPercentile(99)),
          millis(nanos.getValueAtPercentile(99.9)),
          millis(nanos.getMaxValue()));
    }

    private static double millis(long nanos) {
      return nanos / 1e6;
    }
  }
}
