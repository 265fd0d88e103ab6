package org.netlab.labs.pay;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.netlab.labs.pay.ledger.Ledger;
import org.netlab.labs.pay.peer.PayClient;
import org.netlab.labs.pay.peer.Payer;
import org.netlab.labs.pay.peer.PeerIdentity;

/**
 * Random payments between online users, from several payer threads at once, while reader threads
 * read every balance from a ledger of their own (another connection pool on the same database) and
 * hand each read to a {@link BankChecker}. Every order made is recorded with what its payer was
 * told, so the checker can compare the ledger with the answers afterwards.
 *
 * <p>Payers tolerate a server that goes away: a failed connection is dropped and made again on the
 * next payment, and a reply that says "try later" (4xx) only slows the payer down a little.
 */
final class BankWorkload {
  /** How long an order stays valid; the payer waits for its outcome at most this plus a margin. */
  static final Duration LIFETIME = Duration.ofSeconds(20);

  /** What a payer concluded about one order. */
  enum Verdict {
    /** 250 SETTLED or 251 ALREADY_SETTLED: it must be in the ledger exactly once. */
    ACKNOWLEDGED,
    /**
     * Any other reply: a refusal (5xx), or "try later" (4xx) for an order that nobody submits
     * again. It must never be in the ledger.
     */
    REFUSED,
    /** No answer (the connection to the server failed): it may be in the ledger, once at most. */
    UNKNOWN
  }

  /**
   * One order and its outcome.
   *
   * @param outcome the reply's code and keyword, or the exception's class
   * @param transferId for {@link Verdict#ACKNOWLEDGED}, the transfer the payer was told of
   * @param finishedNanos {@link System#nanoTime()} when the outcome came
   */
  record Attempt(
      PaymentOrder order, Verdict verdict, String outcome, long transferId, long finishedNanos) {}

  private final BankPeers peers;
  private final List<PeerIdentity> users;
  private final Map<String, SSLContext> tls = new HashMap<>();
  private final Ledger reader;
  private final BankChecker checker;
  private final int payerThreads;
  private final int readerThreads;
  private final long maxAmount;
  private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running;

  /**
   * @param reader a ledger on the server's database, not the server's own
   * @param maxAmount the largest payment, in minor units; make it more than a balance to see
   *     refusals
   */
  BankWorkload(
      BankPeers peers,
      List<PeerIdentity> users,
      Ledger reader,
      BankChecker checker,
      int payerThreads,
      int readerThreads,
      long maxAmount)
      throws IOException {
    this.peers = peers;
    this.users = List.copyOf(users);
    for (PeerIdentity user : users) {
      tls.put(user.name(), user.tls(peers.caFile()));
    }
    this.reader = reader;
    this.checker = checker;
    this.payerThreads = payerThreads;
    this.readerThreads = readerThreads;
    this.maxAmount = maxAmount;
  }

  /** Starts the payers and the readers. */
  BankWorkload start() {
    running = true;
    for (int i = 0; i < payerThreads; i++) {
      long seed = 7919L * (i + 1) ^ System.nanoTime();
      threads.add(Thread.ofPlatform().name("bank-payer-" + i).start(() -> pay(new Random(seed))));
    }
    for (int i = 0; i < readerThreads; i++) {
      threads.add(Thread.ofPlatform().name("bank-reader-" + i).start(this::read));
    }
    return this;
  }

  /**
   * Stops the payers and the readers, waiting for the payments under way.
   *
   * @throws IllegalStateException when a thread does not stop in time
   */
  void stop() throws InterruptedException {
    running = false;
    long deadline = System.nanoTime() + LIFETIME.plusSeconds(20).toNanos();
    for (Thread thread : threads) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      if (!thread.join(Duration.ofMillis(left))) {
        for (Thread other : threads) {
          other.interrupt();
        }
        throw new IllegalStateException(thread.getName() + " did not stop in time");
      }
    }
  }

  private void pay(Random random) {
    Map<String, PayClient> connections = new HashMap<>();
    try {
      while (running) {
        PeerIdentity from = users.get(random.nextInt(users.size()));
        PeerIdentity to = users.get(random.nextInt(users.size()));
        if (from == to) {
          continue;
        }
        long amount = 1 + random.nextLong(random.nextInt(5) == 0 ? maxAmount : maxAmount / 5);
        PayClient server = connections.get(from.name());
        if (server == null) {
          try {
            server = peers.client(from);
          } catch (IOException e) {
            count(e.getClass().getSimpleName() + " (connecting)");
            pause(50);
            continue;
          }
          connections.put(from.name(), server);
        }
        Payer payer =
            new Payer(from, tls.get(from.name()), server, Clock.systemUTC(), BankPeers.TIMEOUT);
        PaymentOrder order = payer.order(to.name(), amount, LIFETIME);
        attempts.put(order.id(), new Attempt(order, Verdict.UNKNOWN, "none yet", 0, 0));
        Attempt attempt;
        try {
          attempt = judge(order, payer.pay(order));
        } catch (IOException e) {
          attempt = unknown(order, e.getClass().getSimpleName());
          connections.remove(from.name());
          close(server);
        }
        attempts.put(order.id(), attempt);
        count(attempt.outcome());
        if (attempt.verdict() != Verdict.ACKNOWLEDGED
            && !attempt.outcome().equals("551 INSUFFICIENT_FUNDS")) {
          pause(50);
        }
      }
    } finally {
      connections.values().forEach(BankWorkload::close);
    }
  }

  /** What a payer concludes from the reply to {@code order}. */
  static Attempt judge(PaymentOrder order, PayReply reply) {
    String outcome = reply.status().code() + " " + reply.status().keyword();
    long now = System.nanoTime();
    return switch (reply.status()) {
      case SETTLED, ALREADY_SETTLED -> {
        List<String> words = reply.words();
        // An acknowledgement of another order names no transfer, which the checker reports.
        long transfer =
            words.size() >= 2 && words.get(0).equals(order.id())
                ? Long.parseLong(words.get(1))
                : -1;
        yield new Attempt(order, Verdict.ACKNOWLEDGED, outcome, transfer, now);
      }
      default -> new Attempt(order, Verdict.REFUSED, outcome, 0, now);
    };
  }

  private static Attempt unknown(PaymentOrder order, String why) {
    return new Attempt(order, Verdict.UNKNOWN, why, 0, System.nanoTime());
  }

  private void read() {
    while (running) {
      try {
        checker.checkRead(reader.snapshot());
      } catch (RuntimeException e) {
        count("read failed: " + e.getClass().getSimpleName());
      }
      pause(5);
    }
  }

  private void count(String outcome) {
    outcomes.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void close(PayClient client) {
    try {
      client.close();
    } catch (IOException e) {
      // Gone already.
    }
  }

  /** Every order made, by id, with what its payer was told. */
  Map<String, Attempt> attempts() {
    return Map.copyOf(attempts);
  }

  /** How many payments (and failed connections, failed reads) ended each way. */
  SortedMap<String, Integer> outcomes() {
    SortedMap<String, Integer> counts = new TreeMap<>();
    outcomes.forEach((outcome, count) -> counts.put(outcome, count.get()));
    return counts;
  }

  /** Payments acknowledged after {@code nanoTime}. */
  long acknowledgedAfter(long nanoTime) {
    return attempts.values().stream()
        .filter(a -> a.verdict() == Verdict.ACKNOWLEDGED && a.finishedNanos() > nanoTime)
        .count();
  }

  /** Payments with each verdict. */
  Map<Verdict, Long> verdicts() {
    Map<Verdict, Long> counts = new TreeMap<>();
    for (Attempt attempt : attempts.values()) {
      counts.merge(attempt.verdict(), 1L, Long::sum);
    }
    return counts;
  }
}
