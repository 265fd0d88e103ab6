package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Load for a finger daemon: N clients, each sending one query per new connection (as the protocol
 * requires) as fast as answers come, for a fixed time. Prints queries/s, latency percentiles, wrong
 * answers and errors. With {@code --expect FILE} every answer must be those bytes; without, any
 * non-empty answer counts. A measuring tool, not a test: run it by hand with {@code
 * socket-labs/src/bench/load.sh finger [OPTIONS] [QUERY]} against a running {@code bin/fingerd}.
 * The benchmark itself ({@code finger-throughput.sh}) uses a C load generator that costs less.
 */
@Command(
    name = "finger-load",
    mixinStandardHelpOptions = true,
    description = "Measures finger queries/s with concurrent clients.")
public final class FingerLoad implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--host", defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--port", defaultValue = "" + FingerProtocol.DEFAULT_PORT)
  int port;

  @Option(names = "--clients", defaultValue = "16")
  int clients;

  @Option(names = "--seconds", defaultValue = "10")
  double seconds;

  @Option(names = "--expect", paramLabel = "FILE", description = "The exact answer expected.")
  Path expect;

  @Parameters(arity = "0..1", defaultValue = "alice", paramLabel = "QUERY")
  String query;

  /** The outcome of a run; {@code queries} counts right answers only. */
  record Result(
      long queries,
      long wrong,
      long errors,
      double seconds,
      long p50Micros,
      long p99Micros,
      long maxMicros) {
    double perSecond() {
      return queries / seconds;
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new FingerLoad()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    byte[] expected = expect == null ? null : Files.readAllBytes(expect);
    Result result = run(new InetSocketAddress(host, port), clients, seconds, query, expected);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "%d clients, %.1f s, query \"%s\": %d answers, %.0f queries/s, "
            + "latency p50 %d us, p99 %d us, max %d us, %d wrong answers, %d errors%n",
        clients,
        result.seconds(),
        query,
        result.queries(),
        result.perSecond(),
        result.p50Micros(),
        result.p99Micros(),
        result.maxMicros(),
        result.wrong(),
        result.errors());
    out.flush();
    return result.errors() == 0 && result.wrong() == 0 && result.queries() > 0 ? 0 : 1;
  }

  /**
   * @param expected the exact answer every query must get, or null to take any non-empty one
   */
  static Result run(
      InetSocketAddress server, int clients, double seconds, String query, byte[] expected)
      throws Exception {
    byte[] request = (query + FingerProtocol.CRLF).getBytes(US_ASCII);
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    List<Future<Latencies>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      for (int i = 0; i < clients; i++) {
        futures.add(pool.submit(() -> client(server, request, expected, end)));
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    Latencies all = new Latencies();
    for (Future<Latencies> future : futures) {
      all.addAll(future.get());
    }
    long[] sorted = all.sorted();
    return new Result(
        sorted.length,
        all.wrong,
        all.errors,
        elapsed,
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000);
  }

  private static Latencies client(
      InetSocketAddress server, byte[] request, byte[] expected, long end) {
    Latencies latencies = new Latencies();
    // One byte more than expected, so a longer answer shows.
    byte[] buffer = new byte[Math.max(8192, expected == null ? 0 : expected.length + 1)];
    while (System.nanoTime() < end) {
      long begin = System.nanoTime();
      try (Socket socket = new Socket()) {
        socket.connect(server, 5000);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        socket.getOutputStream().write(request);
        InputStream in = socket.getInputStream();
        int received = 0;
        boolean any = false;
        boolean tooLong = false;
        int n;
        while ((n = in.read(buffer, received, buffer.length - received)) >= 0) {
          any |= n > 0;
          received += n;
          if (received == buffer.length) {
            if (expected != null) {
              tooLong = true;
              break;
            }
            // Without an expected answer, only whether one came matters.
            received = 0;
          }
        }
        boolean right =
            expected == null
                ? any
                : !tooLong && Arrays.equals(buffer, 0, received, expected, 0, expected.length);
        if (!right) {
          latencies.wrong++;
          continue;
        }
        latencies.add(System.nanoTime() - begin);
      } catch (IOException e) {
        latencies.errors++;
      }
    }
    return latencies;
  }

  private static long percentile(long[] sorted, double fraction) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(fraction * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1000;
  }

  /** Latencies in nanoseconds, in a growable array (no boxing on the hot path). */
  private static final class Latencies {
    private long[] values = new long[1024];
    private int size;
    private long wrong;
    private long errors;

    void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    void addAll(Latencies other) {
      for (int i = 0; i < other.size; i++) {
        add(other.values[i]);
      }
      wrong += other.wrong;
      errors += other.errors;
    }

    long[] sorted() {
      long[] copy = Arrays.copyOf(values, size);
      Arrays.sort(copy);
      return copy;
    }
  }
}
