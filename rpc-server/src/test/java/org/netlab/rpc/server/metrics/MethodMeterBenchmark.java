package org.netlab.rpc.server.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Times what metrics add to each call: {@link MethodMeter#started()} then {@link
 * MethodMeter#finished} with OK on the meter of one method of a real {@link ServerMetrics} (the
 * in-flight count up and down, the clock read twice, the histogram and the counter moved), from one
 * thread, then from two at once on the same method, as the two event loops of a loaded server do. A
 * program, not a test; figures are only comparable on one machine. usage: {@code
 * MethodMeterBenchmark [SECONDS_PER_ROUND] [ROUNDS]} (defaults 2 and 5, after a warm-up of 5
 * seconds), for instance:
 *
 * <pre>
 * mvn -q -o -pl rpc-server dependency:build-classpath -Dmdep.outputFile=/tmp/cp -Dmdep.includeScope=test
 * java -cp "rpc-server/target/test-classes:rpc-server/target/classes:phonebook-store/target/classes:$(cat /tmp/cp)" \
 *   org.netlab.rpc.server.metrics.MethodMeterBenchmark
 * </pre>
 */
public final class MethodMeterBenchmark {
  private static final long WARM_UP_NANOS = 5_000_000_000L;

  private MethodMeterBenchmark() {}

  public static void main(String[] args) throws InterruptedException {
    long roundNanos = (long) (Double.parseDouble(args.length > 0 ? args[0] : "2") * 1e9);
    int rounds = Integer.parseInt(args.length > 1 ? args[1] : "5");
    try (ServerMetrics metrics = new ServerMetrics()) {
      MethodMeter meter =
          metrics.calls().method("grpc", "netlab.calculator.v1.CalculatorService", "Add");
      run(meter, 2, WARM_UP_NANOS);
      for (int threads : new int[] {1, 2}) {
        for (int round = 1; round <= rounds; round++) {
          System.out.printf(
              "%d thread(s), round %d: %.1f ns per call%n",
              threads, round, run(meter, threads, roundNanos));
        }
      }
    }
  }

  /** Records calls from {@code threads} threads for {@code nanos}; answers ns per call. */
  private static double run(MethodMeter meter, int threads, long nanos)
      throws InterruptedException {
    LongAdder calls = new LongAdder();
    List<Thread> running = new ArrayList<>();
    long end = System.nanoTime() + nanos;
    for (int i = 0; i < threads; i++) {
      running.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    long made = 0;
                    while (System.nanoTime() < end) {
                      for (int j = 0; j < 1_000; j++) {
                        meter.finished(meter.started(), MethodMeter.OK);
                      }
                      made += 1_000;
                    }
                    calls.add(made);
                  }));
    }
    for (Thread thread : running) {
      thread.join();
    }
    return (double) nanos * threads / calls.sum();
  }
}
