package org.netlab.rpc.client.bench;

import java.time.Duration;

/**
 * How {@code bench} drives the calls.
 *
 * @param concurrency callers making calls at the same time
 * @param rate calls per second to start in open loop, or 0 for closed loop (each caller starts its
 *     next call when the previous one answers)
 * @param warmup how long to call before measuring, or zero
 * @param duration how long to measure, or null when {@code calls} bounds the run
 * @param calls how many calls to measure, or 0 when {@code duration} bounds the run
 */
public record LoadPlan(
    int concurrency, double rate, Duration warmup, Duration duration, long calls) {
  public static final int MAX_CONCURRENCY = 10_000;

  public LoadPlan {
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "--concurrency must be 1 to " + MAX_CONCURRENCY + ", not " + concurrency);
    }
    if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("--rate must be a positive number of calls per second");
    }
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("--warmup must not be negative");
    }
    if ((duration == null) == (calls == 0)) {
      throw new IllegalArgumentException("give either --duration or --calls, not both");
    }
    if (duration != null && (duration.isZero() || duration.isNegative())) {
      throw new IllegalArgumentException("--duration must be positive");
    }
    if (calls < 0) {
      throw new IllegalArgumentException("--calls must be positive");
    }
  }

  public boolean openLoop() {
    return rate > 0;
  }
}
