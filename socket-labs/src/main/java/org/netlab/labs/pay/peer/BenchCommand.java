package org.netlab.labs.pay.peer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.netlab.cli.DurationConverter;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.pay.Amounts;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import org.netlab.labs.pay.PayStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pay bench}: whole payments under load. Registers fresh users on the server, brings each
 * online with its own server accepting every offer, then has payers pay random other users for a
 * while: each payment is the full path (LIST, signed offer over mutual TLS, countersignature,
 * settlement, reply passed back). Reports settlements per second and the latency of a whole
 * payment, and fails when the users' balances no longer add up.
 */
@Command(
    name = "bench",
    description = {
      "Measures whole payments: registers USERS fresh users, brings them online, and has",
      "PAYERS threads pay each other for DURATION; prints settlements/s and latencies.",
      "Needs a server whose registration is open and whose opening balance is positive."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin PeerOptions options;

  @Option(
      names = "--users",
      defaultValue = "16",
      paramLabel = "N",
      description = "Users (default: ${DEFAULT-VALUE}).")
  int users;

  @Option(
      names = "--payers",
      defaultValue = "16",
      paramLabel = "N",
      description = "Concurrent payers (default: ${DEFAULT-VALUE}).")
  int payers;

  @Option(
      names = "--duration",
      defaultValue = "10s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Measured time (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--warmup",
      defaultValue = "2s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Unmeasured time first (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(
      names = "--amount",
      defaultValue = "0.01",
      paramLabel = "AMOUNT",
      description = "Each payment (default: ${DEFAULT-VALUE}).")
  String amount;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  /** Added to the expected total, to show that the check of the balances rejects a wrong one. */
  @Option(names = "--check-offset", hidden = true, defaultValue = "0")
  long checkOffset;

  @Override
  public Integer call() throws Exception {
    if (users < 2 || payers < 1 || payers > users) {
      throw new IllegalArgumentException("--users must be at least 2, --payers 1 to --users");
    }
    long minor = Amounts.parse(amount);
    Path home = Files.createTempDirectory("pay-bench-");
    List<PeerSession> online = new ArrayList<>();
    try {
      String prefix = "bench" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
      List<PeerIdentity> identities = new ArrayList<>();
      for (int i = 0; i < users; i++) {
        identities.add(register(home, prefix + "-" + i));
      }
      PrintWriter quiet = new PrintWriter(Writer.nullWriter());
      for (PeerIdentity identity : identities) {
        SSLContext tls = identity.tls(options.caFile());
        online.add(
            new PeerSession(
                    identity,
                    tls,
                    () -> options.connect(tls),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    OfferDecision.acceptAll(),
                    quiet)
                .start());
      }
      long before = total(online);
      Result result = run(online, identities, minor);
      long after = total(online);
      print(result);
      if (after != before + checkOffset) {
        spec.commandLine()
            .getErr()
            .printf(
                "pay bench: the users' balances add up to %s after the run, not %s: money was created or lost%n",
                Amounts.format(after), Amounts.format(before + checkOffset));
        return ExitCodes.REFUSED;
      }
      if (result.errors.get() > 0 || result.settled == 0) {
        spec.commandLine()
            .getErr()
            .printf(
                "pay bench: %d payments failed, %d settled%n", result.errors.get(), result.settled);
        return ExitCodes.REFUSED;
      }
      return ExitCodes.OK;
    } finally {
      for (PeerSession session : online) {
        session.close();
      }
      try (var files = Files.walk(home)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private PeerIdentity register(Path home, String name) throws IOException {
    PeerIdentity.Request request = PeerIdentity.request(name);
    PayReply reply;
    try (PayClient client = options.connect(options.anonymousTls())) {
      reply =
          PeerOptions.expectSuccess(
              client.call(PayProtocol.REGISTER + " " + name + " " + request.csrBase64()));
    }
    return PeerIdentity.save(
        home.resolve(name),
        request,
        reply.text(),
        org.netlab.tls.Pem.readCertificates(options.caFile()).get(0));
  }

  private long total(List<PeerSession> online) throws IOException {
    long sum = 0;
    for (PeerSession session : online) {
      sum +=
          Long.parseLong(
              PeerOptions.expectSuccess(session.server().call(PayProtocol.BALANCE)).text());
    }
    return sum;
  }

  private static final class Result {
    final Recorder latencies = new Recorder(3);
    final Map<PayStatus, AtomicLong> outcomes = new EnumMap<>(PayStatus.class);
    final AtomicLong errors = new AtomicLong();
    Histogram histogram;
    long settled;
    double seconds;

    Result() {
      for (PayStatus status : PayStatus.values()) {
        outcomes.put(status, new AtomicLong());
      }
    }
  }

  private Result run(List<PeerSession> online, List<PeerIdentity> identities, long minor)
      throws InterruptedException {
    Result result = new Result();
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long end = measureFrom + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < payers; i++) {
      int me = i;
      threads.add(
          Thread.ofPlatform()
              .name("pay-bench-" + i)
              .start(() -> pay(online.get(me), identities, me, minor, measureFrom, end, result)));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    result.histogram = result.latencies.getIntervalHistogram();
    result.settled = result.histogram.getTotalCount();
    result.seconds = duration.toNanos() / 1e9;
    return result;
  }

  private void pay(
      PeerSession session,
      List<PeerIdentity> identities,
      int me,
      long minor,
      long measureFrom,
      long end,
      Result result) {
    Payer payer =
        new Payer(
            session.identity(),
            session.tls(),
            session.server(),
            Clock.systemUTC(),
            options.timeout);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (true) {
      long begin = System.nanoTime();
      if (begin >= end) {
        return;
      }
      int other = random.nextInt(identities.size() - 1);
      String payee = identities.get(other >= me ? other + 1 : other).name();
      try {
        PayReply reply = payer.pay(payee, minor, PayProtocol.DEFAULT_ORDER_LIFETIME);
        long done = System.nanoTime();
        if (begin >= measureFrom && done <= end) {
          result.outcomes.get(reply.status()).incrementAndGet();
          if (reply.status() == PayStatus.SETTLED) {
            result.latencies.recordValue((done - begin) / 1000);
          } else {
            result.errors.incrementAndGet();
          }
        }
      } catch (IOException | RuntimeException e) {
        result.errors.incrementAndGet();
      }
    }
  }

  private void print(Result result) {
    Histogram h = result.histogram;
    PrintWriter out = spec.commandLine().getOut();
    double rate = result.settled / result.seconds;
    Object[] figures = {
      payers,
      users,
      result.seconds,
      result.settled,
      rate,
      h.getValueAtPercentile(50) / 1000.0,
      h.getValueAtPercentile(99) / 1000.0,
      h.getValueAtPercentile(99.9) / 1000.0,
      h.getMaxValue() / 1000.0,
      result.errors.get()
    };
    if (json) {
      out.printf(
          "{\"payers\":%d,\"users\":%d,\"seconds\":%.1f,\"settled\":%d,\"settlementsPerSecond\":%.1f,"
              + "\"p50Millis\":%.3f,\"p99Millis\":%.3f,\"p999Millis\":%.3f,\"maxMillis\":%.3f,"
              + "\"errors\":%d}%n",
          figures);
    } else {
      out.printf(
          "%d payers, %d users, %.0f s: %d settled, %.1f settlements/s;"
              + " whole payment p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms; %d failed%n",
          figures);
      result.outcomes.forEach(
          (status, count) -> {
            if (count.get() > 0 && status != PayStatus.SETTLED) {
              out.printf("  %s: %d%n", status, count.get());
            }
          });
    }
    out.flush();
  }
}
