package org.netlab.rpc.server.grpc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.netlab.rpc.client.grpc.GrpcCalculatorClient;
import org.netlab.rpc.server.LoopbackServer;

/**
 * Load on unary Add over TLS on loopback: the real server and our client (one channel shared by
 * every caller), each caller a thread calling in a loop. Prints calls/s and latency percentiles per
 * number of concurrent callers.
 *
 * <p>Usage: {@code GrpcAddLoad [SECONDS_PER_STEP [CALLERS...]]}, default {@code 10 1 16 64}.
 */
public final class GrpcAddLoad {
  private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(3);

  private GrpcAddLoad() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    List<Integer> steps = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      steps.add(Integer.parseInt(args[i]));
    }
    if (steps.isEmpty()) {
      steps = List.of(1, 16, 64);
    }
    Path dataDir = Files.createTempDirectory("grpc-add-load");
    try (LoopbackServer server = LoopbackServer.start(dataDir);
        GrpcCalculatorClient client = GrpcCalculatorClient.connect(server.clientSettings())) {
      System.out.printf("unary Add over TLS at %s, %d s per step%n", server.url(), seconds);
      System.out.printf(
          "%8s %12s %10s %10s %10s%n", "callers", "calls/s", "p50 us", "p99 us", "p99.9 us");
      for (int callers : steps) {
        run(client, callers, TimeUnit.SECONDS.toNanos(seconds));
      }
    }
  }

  private static void run(GrpcCalculatorClient client, int callers, long measureNanos)
      throws InterruptedException {
    Histogram total = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    List<Histogram> perCaller = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(callers);
    long start = System.nanoTime();
    long measureFrom = start + WARM_UP_NANOS;
    long end = measureFrom + measureNanos;
    for (int c = 0; c < callers; c++) {
      Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
      perCaller.add(histogram);
      Thread.ofPlatform()
          .name("caller-" + c)
          .start(
              () -> {
                double x = 0;
                for (long now = System.nanoTime(); now < end; ) {
                  client.add(x, 1.0);
                  long after = System.nanoTime();
                  if (now >= measureFrom) {
                    histogram.recordValue(after - now);
                  }
                  now = after;
                  x += 1;
                }
                done.countDown();
              });
    }
    done.await();
    perCaller.forEach(total::add);
    double callsPerSecond = total.getTotalCount() / (measureNanos / 1e9);
    System.out.printf(
        "%8d %12.0f %10.1f %10.1f %10.1f%n",
        callers,
        callsPerSecond,
        total.getValueAtPercentile(50) / 1e3,
        total.getValueAtPercentile(99) / 1e3,
        total.getValueAtPercentile(99.9) / 1e3);
  }
}
