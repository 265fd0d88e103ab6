package org.netlab.labs.pay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.pay.ledger.JdbcLedger;
import org.netlab.labs.pay.peer.PayClient;
import org.netlab.labs.pay.peer.PeerIdentity;

/**
 * The bank test, in the manner of Jepsen's: users pay each other at random from several threads
 * while readers read every balance, and a {@link BankChecker} then holds the ledger to what the
 * payers were told. Once with a quiet server, once with the server killed ({@code kill -9}) and
 * started again in the middle, and once as an ACIDRain attack: many settlements of one payer at the
 * same instant. Each database runs the same tests ({@link SqliteBankTest}, {@link
 * PostgresBankTest}).
 */
abstract class BankContract {
  /** Users of the random payments. */
  static final int USERS = 8;

  /** Threads paying at once, each with connections of its own. */
  static final int PAYERS = 8;

  /** Threads reading every balance meanwhile. */
  static final int READERS = 2;

  /** The server's default opening balance: 100.00. */
  static final long OPENING = 100_00;

  /** The largest random payment, 150.00: more than most balances, so some are refused. */
  static final long MAX_AMOUNT = 150_00;

  @TempDir Path directory;

  /** The JDBC URL of an empty database for one test's ledger. */
  protected abstract String freshLedger() throws Exception;

  private static List<PeerIdentity> registerAndGoOnline(BankPeers peers) throws IOException {
    List<PeerIdentity> users = new ArrayList<>();
    for (int i = 1; i <= USERS; i++) {
      users.add(peers.register("user" + i));
    }
    // Together, so that their heartbeats, when they log in again after a restart, come together.
    for (PeerIdentity user : users) {
      peers.online(user);
    }
    return users;
  }

  private static Set<String> names(List<PeerIdentity> users) {
    Set<String> names = new LinkedHashSet<>();
    users.forEach(user -> names.add(user.name()));
    return names;
  }

  private void report(String test, BankWorkload workload, BankChecker checker, long startNanos) {
    System.out.printf(
        "%s %s: %s; verdicts %s; %d reads; unanswered payments settled %s, not settled %d;"
            + " %d ms%n",
        getClass().getSimpleName(),
        test,
        workload.outcomes(),
        workload.verdicts(),
        checker.reads(),
        checker.unknownSettled(),
        checker.unknownNotSettled(),
        (System.nanoTime() - startNanos) / 1_000_000);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void randomConcurrentPaymentsNeitherCreateNorLoseMoneyAndEachAcknowledgedOneSettlesOnce()
      throws Exception {
    long start = System.nanoTime();
    String url = freshLedger();
    try (PayLab lab = PayLab.start(directory, url, settings -> settings);
        BankPeers peers = new BankPeers(lab.address(), lab.caFile(), directory.resolve("bank"));
        JdbcLedger reader = JdbcLedger.open(url)) {
      List<PeerIdentity> users = registerAndGoOnline(peers);
      BankChecker checker = new BankChecker(names(users), OPENING);
      BankWorkload workload =
          new BankWorkload(peers, users, reader, checker, PAYERS, READERS, MAX_AMOUNT).start();
      Thread.sleep(Duration.ofSeconds(5));
      workload.stop();
      checker.checkFinal(reader, workload.attempts());
      report("quiet server", workload, checker, start);

      assertEquals("", checker.problems());
      Map<String, Integer> outcomes = workload.outcomes();
      assertTrue(outcomes.getOrDefault("250 SETTLED", 0) >= 20, outcomes.toString());
      assertTrue(outcomes.getOrDefault("551 INSUFFICIENT_FUNDS", 0) >= 1, outcomes.toString());
      assertEquals(
          Set.of("250 SETTLED", "551 INSUFFICIENT_FUNDS"),
          outcomes.keySet(),
          "with the server up, every payment gets a definite answer: " + peers.log());
      assertTrue(checker.reads() >= 20, "reads: " + checker.reads());
    }
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void paymentsAcknowledgedAroundAServerKilledAndRestartedAreEachInTheLedgerOnce()
      throws Exception {
    long start = System.nanoTime();
    String url = freshLedger();
    try (PayServerProcess server = PayServerProcess.start(directory.resolve("data"), url);
        BankPeers peers =
            new BankPeers(server.address(), server.caFile(), directory.resolve("bank"));
        JdbcLedger reader = JdbcLedger.open(url)) {
      List<PeerIdentity> users = registerAndGoOnline(peers);
      BankChecker checker = new BankChecker(names(users), OPENING);
      BankWorkload workload =
          new BankWorkload(peers, users, reader, checker, PAYERS, READERS, MAX_AMOUNT).start();
      Thread.sleep(Duration.ofMillis(2500));
      long acknowledgedBefore = workload.acknowledgedAfter(start);
      long killed = System.nanoTime();
      server.kill();
      server.restart();
      long restarted = System.nanoTime();
      awaitEveryoneOnline(peers, users.get(0), Duration.ofSeconds(25));
      long online = System.nanoTime();
      Thread.sleep(Duration.ofSeconds(3));
      workload.stop();
      checker.checkFinal(reader, workload.attempts());
      report("server killed and restarted", workload, checker, start);
      System.out.printf(
          "%s: killed at %d ms, serving again after %d ms, everyone online after %d ms%n",
          getClass().getSimpleName(),
          (killed - start) / 1_000_000,
          (restarted - killed) / 1_000_000,
          (online - killed) / 1_000_000);

      assertEquals("", checker.problems(), server.logText());
      assertTrue(acknowledgedBefore >= 5, "settled before the kill: " + acknowledgedBefore);
      long after = workload.acknowledgedAfter(restarted);
      assertTrue(after >= 5, "settled after the restart: " + after + "; " + workload.outcomes());
      assertTrue(checker.reads() >= 20, "reads: " + checker.reads());
    }
  }

  /** Waits until the restarted server lists every user, who log in again at their heartbeat. */
  private static void awaitEveryoneOnline(BankPeers peers, PeerIdentity asker, Duration within)
      throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try (PayClient client = peers.client(asker)) {
        PayReply list = client.call("LIST");
        if (list.status() == PayStatus.ONLINE && list.lines().size() == USERS) {
          return;
        }
        last = list.toString() + " " + list.lines();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "not everyone online again within " + within + ": " + last + "; " + peers.log());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void twentySettlementsOfOnePayerAtOnceSettleOnlyTheThreeItsBalanceCovers() throws Exception {
    int payeeCount = 20;
    long amount = 30_00;
    String url = freshLedger();
    try (PayLab lab = PayLab.start(directory, url, settings -> settings);
        BankPeers peers = new BankPeers(lab.address(), lab.caFile(), directory.resolve("bank"));
        JdbcLedger reader = JdbcLedger.open(url)) {
      PeerIdentity payer = peers.register("alice");
      List<PeerIdentity> payees = new ArrayList<>();
      List<PayClient> connections = new ArrayList<>();
      List<PaymentOrder> orders = new ArrayList<>();
      List<String> requests = new ArrayList<>();
      Instant expires = Instant.now().plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS);
      for (int i = 1; i <= payeeCount; i++) {
        PeerIdentity payee = peers.register(String.format("payee%02d", i));
        payees.add(payee);
        connections.add(lab.client(payee));
        PaymentOrder order = new PaymentOrder("alice", payee.name(), amount, orderId(), expires);
        orders.add(order);
        requests.add(
            "SETTLE "
                + OrderSignatures.signAsPayer(order, payer.key())
                + " "
                + OrderSignatures.signAsPayee(order, payee.key())
                + " "
                + order.text());
      }

      CyclicBarrier barrier = new CyclicBarrier(payeeCount);
      List<Future<PayReply>> replies = new ArrayList<>();
      ExecutorService submitters = Executors.newFixedThreadPool(payeeCount);
      try {
        for (int i = 0; i < payeeCount; i++) {
          PayClient connection = connections.get(i);
          String request = requests.get(i);
          replies.add(
              submitters.submit(
                  () -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return connection.call(request);
                  }));
        }
        Map<String, BankWorkload.Attempt> attempts = new HashMap<>();
        Map<PayStatus, Integer> counts = new TreeMap<>();
        for (int i = 0; i < payeeCount; i++) {
          PayReply reply = replies.get(i).get(30, TimeUnit.SECONDS);
          counts.merge(reply.status(), 1, Integer::sum);
          attempts.put(orders.get(i).id(), BankWorkload.judge(orders.get(i), reply));
        }
        Set<String> users = new LinkedHashSet<>();
        users.add("alice");
        users.addAll(names(payees));
        BankChecker checker = new BankChecker(users, OPENING);
        checker.checkFinal(reader, attempts);
        System.out.printf("%s ACIDRain: %s%n", getClass().getSimpleName(), counts);

        assertEquals(Map.of(PayStatus.SETTLED, 3, PayStatus.INSUFFICIENT_FUNDS, 17), counts);
        assertEquals(10_00, lab.balance("alice"));
        assertEquals("", checker.problems());
      } finally {
        submitters.shutdownNow();
        assertTrue(submitters.awaitTermination(10, TimeUnit.SECONDS));
      }
    }
  }

  private static String orderId() {
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
