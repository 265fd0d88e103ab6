package org.netlab.labs.echo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import org.netlab.labs.integrity.IntegrityKey;
import org.netlab.labs.integrity.MessageCodec;
import org.netlab.labs.integrity.Role;
import org.netlab.labs.net.TcpServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures echo round trips: TCP with several connections in lock step, then one UDP client. Starts
 * its own servers on loopback, port 0, and stops after the given time. Run it with {@code
 * socket-labs/src/bench/load.sh echo [OPTIONS]}.
 */
@Command(name = "echo-load", mixinStandardHelpOptions = true)
public final class EchoLoad implements Callable<Integer> {
  @Option(names = "--connections", defaultValue = "4", description = "TCP connections.")
  private int connections;

  @Option(names = "--seconds", defaultValue = "5", description = "Length of each run.")
  private int seconds;

  @Option(names = "--size", defaultValue = "32", description = "Bytes per message.")
  private int size;

  @Option(names = "--hmac", description = "TCP with HMAC frames on both sides.")
  private boolean hmac;

  public static void main(String[] args) {
    System.exit(new CommandLine(new EchoLoad()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    String message = "x".repeat(size);
    IntegrityKey key = IntegrityKey.fromHex("00".repeat(32));
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    try (TcpServer tcp =
        new TcpServer(
                "echo",
                new TcpServer.Options(loopback, connections, Duration.ofMinutes(1)),
                new TcpEchoHandler(
                    EchoTransform.AS_IS,
                    8192,
                    () -> hmac ? MessageCodec.hmac(key, Role.SERVER) : MessageCodec.plain()))
            .start()) {
      List<Callable<Histogram>> clients = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        clients.add(
            () -> {
              MessageCodec codec =
                  hmac ? MessageCodec.hmac(key, Role.CLIENT) : MessageCodec.plain();
              try (EchoClient client =
                  new TcpEchoClient(tcp.address(), Duration.ofSeconds(5), codec)) {
                return roundTrips(client, message);
              }
            });
      }
      report("tcp" + (hmac ? "+hmac" : "") + ", " + connections + " connections", run(clients));
    }
    try (UdpEchoServer udp = new UdpEchoServer(loopback, EchoTransform.AS_IS).start()) {
      Callable<Histogram> client =
          () -> {
            try (EchoClient c = new UdpEchoClient(udp.address(), Duration.ofSeconds(1), 3)) {
              return roundTrips(c, message);
            }
          };
      report("udp, 1 client", run(List.of(client)));
    }
    return 0;
  }

  private Histogram roundTrips(EchoClient client, String message) throws IOException {
    Histogram histogram = new Histogram(3);
    for (int i = 0; i < 1000; i++) {
      client.echo(message);
    }
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    for (long start = System.nanoTime(); start < end; start = System.nanoTime()) {
      if (!client.echo(message).equals(message)) {
        throw new IllegalStateException("wrong echo");
      }
      histogram.recordValue(System.nanoTime() - start);
    }
    return histogram;
  }

  private static Histogram run(List<Callable<Histogram>> clients) throws Exception {
    Histogram all = new Histogram(3);
    try (ExecutorService pool = Executors.newFixedThreadPool(clients.size())) {
      for (Future<Histogram> result : pool.invokeAll(clients)) {
        all.add(result.get());
      }
    }
    return all;
  }

  private void report(String what, Histogram histogram) {
    System.out.printf(
        "%-28s %,10.0f round trips/s   p50 %6.1f us   p99 %6.1f us   p99.9 %7.1f us%n",
        what,
        histogram.getTotalCount() / (double) seconds,
        histogram.getValueAtPercentile(50) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0,
        histogram.getValueAtPercentile(99.9) / 1000.0);
  }
}
