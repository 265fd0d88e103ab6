package org.netlab.labs.totp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Check-ins per second against a real server on loopback: {@code clients} threads, each check-in a
 * new connection, a distinct enrolled id and a valid code, so every one is verified, accepted and
 * synced to the log. Not a test: run it by hand with {@code socket-labs/src/bench/load.sh checkin
 * [ARGS]}.
 *
 * <pre>usage: CheckInLoad [clients=16] [check-ins=20000] [port=0] [dir=temp]</pre>
 */
public final class CheckInLoad {
  private CheckInLoad() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int checkIns = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int port = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    Path dir =
        args.length > 3
            ? Files.createDirectories(Path.of(args[3]))
            : Files.createTempDirectory("totp-load");
    Path secrets = dir.resolve("load-secrets");
    Path log = dir.resolve("load-checkins.log");
    Files.deleteIfExists(secrets);
    Files.deleteIfExists(log);

    // One id per check-in: a code is accepted once per id and step.
    SecureRandom random = new SecureRandom();
    List<Enrolment> enrolments = new ArrayList<>(checkIns);
    StringBuilder file = new StringBuilder();
    for (int i = 0; i < checkIns; i++) {
      Enrolment enrolment =
          new Enrolment("load" + i, OtpSecret.generate(random), OtpParameters.DEFAULT);
      enrolments.add(enrolment);
      file.append(enrolment.toLine()).append('\n');
    }
    OwnerOnlyFiles.create(secrets);
    Files.writeString(secrets, file);

    Clock clock = Clock.systemUTC();
    Totp totp = new Totp(OtpParameters.DEFAULT, clock);
    try (CheckInServer server =
        CheckInServer.start(
            new CheckInServer.Config(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                secrets,
                log,
                256,
                Duration.ofSeconds(10)),
            clock)) {
      CheckInClient client = new CheckInClient(server.address(), Duration.ofSeconds(10));
      AtomicInteger next = new AtomicInteger();
      long[] latencies = new long[checkIns];
      AtomicInteger refused = new AtomicInteger();
      long start = System.nanoTime();
      try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          done.add(
              pool.submit(
                  () -> {
                    for (int i = next.getAndIncrement(); i < checkIns; i = next.getAndIncrement()) {
                      Enrolment enrolment = enrolments.get(i);
                      CheckInRequest request =
                          new CheckInRequest(
                              "Load " + i, enrolment.id(), totp.code(enrolment.secret()));
                      long sent = System.nanoTime();
                      String reply = client.checkIn(request);
                      latencies[i] = System.nanoTime() - sent;
                      if (!Verdict.ACCEPTED.equals(reply)) {
                        refused.incrementAndGet();
                      }
                    }
                    return null;
                  }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Arrays.sort(latencies);
      System.out.printf(
          "%d check-ins, %d clients: %.0f check-ins/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms,"
              + " %d refused, log %d lines%n",
          checkIns,
          clients,
          checkIns / seconds,
          percentile(latencies, 0.50),
          percentile(latencies, 0.99),
          latencies[latencies.length - 1] / 1e6,
          refused.get(),
          lines(log));
    }
  }

  private static double percentile(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }

  private static long lines(Path file) throws IOException {
    try (var lines = Files.lines(file)) {
      return lines.count();
    }
  }
}
