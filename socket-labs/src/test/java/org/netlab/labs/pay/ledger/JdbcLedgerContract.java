package org.netlab.labs.pay.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.labs.pay.PaymentOrder;
import org.netlab.labs.pay.SignedOrder;
import org.netlab.labs.pay.ledger.Decision.Outcome;

/**
 * What every {@link JdbcLedger} must do, whatever its database. Each test makes accounts of its
 * own, under fresh names, so tests may share a database; the balances of all accounts must sum to
 * zero after every one.
 */
abstract class JdbcLedgerContract {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  private JdbcLedger ledger;

  /** The database the ledger under test is opened on, its tables present or not. */
  protected abstract String jdbcUrl();

  @BeforeEach
  void openLedger() {
    ledger = JdbcLedger.open(jdbcUrl());
  }

  @AfterEach
  void closeLedger() {
    if (ledger != null) {
      assertEquals(0, ledger.snapshot().total(), "the balances must sum to zero");
      ledger.close();
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void registeringOpensAnAccountFundedByTheIssuer() throws Exception {
    String name = newName("alice");
    byte[] certificate = randomBytes(40);
    String fingerprint = randomFingerprint();
    Account registered = ledger.register(name, certificate, fingerprint, 10_000);

    assertEquals(name, registered.name());
    assertEquals(10_000, registered.balance());
    Account read = ledger.account(name).orElseThrow();
    assertArrayEquals(certificate, read.certificate());
    assertEquals(fingerprint, read.fingerprint());
    assertEquals(10_000, read.balance());
    Snapshot snapshot = ledger.snapshot();
    assertEquals(10_000, snapshot.balances().get(name));
    assertTrue(snapshot.balances().get(Ledger.ISSUER) <= -10_000);
    assertEquals(0, snapshot.total());
    List<HistoryEntry> history = ledger.history(name, 10);
    assertEquals(1, history.size());
    assertEquals("open:" + name, history.get(0).orderId());
    assertEquals(Ledger.ISSUER, history.get(0).counterparty());
    assertEquals(10_000, history.get(0).balanceAfter());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void registeringWithoutAnOpeningBalanceMovesNothing() throws Exception {
    String name = register("bob", 0);
    assertEquals(0, ledger.account(name).orElseThrow().balance());
    assertEquals(List.of(), ledger.history(name, 10));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aGrantMovesMoneyFromTheIssuerInTwoEntries() throws Exception {
    String name = register("gina", 0);
    long issuer = ledger.snapshot().balances().get(Ledger.ISSUER);

    long transfer = ledger.grant(name, 50_00);

    assertEquals(50_00, ledger.account(name).orElseThrow().balance());
    assertEquals(issuer - 50_00, ledger.snapshot().balances().get(Ledger.ISSUER));
    assertEquals(0, ledger.snapshot().total());
    HistoryEntry entry = ledger.history(name, 10).get(0);
    assertEquals(transfer, entry.transferId());
    assertEquals(Ledger.ISSUER, entry.counterparty());
    assertTrue(entry.orderId().startsWith("grant:"), entry.orderId());
    assertEquals(50_00, entry.balanceAfter());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aGrantToNoUserOrOfNothingIsRefused() throws Exception {
    String name = register("hugo", 0);

    assertThrows(IllegalArgumentException.class, () -> ledger.grant(newName("nobody"), 1));
    assertThrows(IllegalArgumentException.class, () -> ledger.grant(Ledger.ISSUER, 1));
    assertThrows(IllegalArgumentException.class, () -> ledger.grant(name, 0));
    assertEquals(0, ledger.account(name).orElseThrow().balance());
    assertEquals(0, ledger.snapshot().total());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void registeringATakenNameFailsAndChangesNothing() throws Exception {
    String name = register("carol", 500);
    long issuer = ledger.snapshot().balances().get(Ledger.ISSUER);
    assertThrows(
        NameTakenException.class,
        () -> ledger.register(name, randomBytes(40), randomFingerprint(), 700));
    assertEquals(500, ledger.account(name).orElseThrow().balance());
    assertEquals(issuer, ledger.snapshot().balances().get(Ledger.ISSUER));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void registeringACertificateTwiceIsAnArgumentError() throws Exception {
    String fingerprint = randomFingerprint();
    ledger.register(newName("dave"), randomBytes(40), fingerprint, 100);
    String other = newName("mallory");
    assertThrows(
        IllegalArgumentException.class,
        () -> ledger.register(other, randomBytes(40), fingerprint, 100));
    assertTrue(ledger.account(other).isEmpty());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void oneNameRegisteredAtOnceOpensOneAccount() throws Exception {
    String name = newName("twin");
    List<Callable<String>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(
          () -> {
            try {
              return ledger.register(name, randomBytes(40), randomFingerprint(), 100).name();
            } catch (NameTakenException e) {
              return "taken";
            }
          });
    }

    List<String> results = atOnce(calls);

    assertEquals(1, results.stream().filter(name::equals).count(), results.toString());
    assertEquals(7, results.stream().filter("taken"::equals).count(), results.toString());
    assertEquals(100, ledger.account(name).orElseThrow().balance());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void theIssuerIsNoUserAccount() {
    assertTrue(ledger.account(Ledger.ISSUER).isEmpty());
    assertTrue(ledger.snapshot().balances().containsKey(Ledger.ISSUER));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void settlingMovesTheMoneyAndWritesTwoEntriesThatSumToZero() throws Exception {
    String payer = register("payer", 1_000);
    String payee = register("payee", 200);
    SignedOrder order = order(payer, payee, 250);

    Decision decision = ledger.settle(order, NOW);

    assertEquals(Outcome.SETTLED, decision.outcome());
    assertEquals(order.order().id(), decision.orderId());
    assertTrue(decision.transferId() > 0);
    assertEquals(750, decision.payerBalance());
    assertEquals(750, ledger.account(payer).orElseThrow().balance());
    assertEquals(450, ledger.account(payee).orElseThrow().balance());
    try (Connection connection = rawConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT account, amount, balance_after FROM entries WHERE transfer_id = ?")) {
      select.setLong(1, decision.transferId());
      Map<String, long[]> entries = new HashMap<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          entries.put(row.getString(1), new long[] {row.getLong(2), row.getLong(3)});
        }
      }
      assertEquals(Set.of(payer, payee), entries.keySet());
      assertArrayEquals(new long[] {-250, 750}, entries.get(payer));
      assertArrayEquals(new long[] {250, 450}, entries.get(payee));
    }
    assertEquals(
        order.order().text(),
        text("SELECT order_text FROM transfers WHERE id = ?", decision.transferId()));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void settlingTheSameOrderTwiceMovesMoneyOnce() throws Exception {
    String payer = register("payer", 1_000);
    String payee = register("payee", 0);
    SignedOrder order = order(payer, payee, 300);
    Decision first = ledger.settle(order, NOW);

    Decision again = ledger.settle(order, NOW.plusSeconds(1));

    assertEquals(Outcome.ALREADY_SETTLED, again.outcome());
    assertTrue(again.settled());
    assertEquals(first.transferId(), again.transferId());
    assertEquals(700, ledger.account(payer).orElseThrow().balance());
    assertEquals(300, ledger.account(payee).orElseThrow().balance());
    // Also once the order has expired: the decision stands.
    assertEquals(Outcome.ALREADY_SETTLED, ledger.settle(order, NOW.plusSeconds(3_600)).outcome());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void anotherOrderUnderAUsedIdIsReplayed() throws Exception {
    String payer = register("payer", 1_000);
    String payee = register("payee", 0);
    SignedOrder order = order(payer, payee, 100);
    ledger.settle(order, NOW);
    SignedOrder other = order(payer, payee, 900, order.order().id(), NOW.plusSeconds(300));

    Decision decision = ledger.settle(other, NOW);

    assertEquals(Outcome.REPLAYED, decision.outcome());
    assertEquals(900, ledger.account(payer).orElseThrow().balance());
    assertEquals(1, count("SELECT COUNT(*) FROM transfers WHERE order_id = ?", order.order().id()));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void anExpiredOrderIsRefusedAndNotRecorded() throws Exception {
    String payer = register("payer", 1_000);
    String payee = register("payee", 0);
    SignedOrder order = order(payer, payee, 100, newId(), NOW.minusSeconds(1));

    assertEquals(Outcome.EXPIRED, ledger.settle(order, NOW).outcome());
    assertEquals(0, count("SELECT COUNT(*) FROM orders WHERE order_id = ?", order.order().id()));
    assertEquals(Outcome.EXPIRED, ledger.settle(order, NOW).outcome());
    assertEquals(1_000, ledger.account(payer).orElseThrow().balance());
    assertEquals(0, count("SELECT COUNT(*) FROM transfers WHERE order_id = ?", order.order().id()));
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void insufficientFundsAreRecordedSoTheOrderNeverSettlesLater() throws Exception {
    String payer = register("payer", 100);
    String payee = register("payee", 0);
    SignedOrder order = order(payer, payee, 150);

    Decision refused = ledger.settle(order, NOW);
    assertEquals(Outcome.INSUFFICIENT_FUNDS, refused.outcome());
    assertEquals(100, refused.payerBalance());
    ledger.settle(order(register("rich", 1_000), payer, 500), NOW);

    Decision again = ledger.settle(order, NOW);

    assertEquals(Outcome.INSUFFICIENT_FUNDS, again.outcome());
    assertEquals(600, ledger.account(payer).orElseThrow().balance());
    assertEquals(0, ledger.account(payee).orElseThrow().balance());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aCancelledOrderNeverSettles() throws Exception {
    String payer = register("payer", 1_000);
    String payee = register("payee", 0);
    SignedOrder order = order(payer, payee, 100);

    assertEquals(Outcome.CANCELLED, ledger.cancel(order.order().id(), payer).outcome());
    assertEquals(Outcome.CANCELLED, ledger.settle(order, NOW).outcome());
    assertEquals(Outcome.CANCELLED, ledger.cancel(order.order().id(), payer).outcome());
    assertEquals(1_000, ledger.account(payer).orElseThrow().balance());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void cancellingASettledOrderAnswersAlreadySettled() throws Exception {
    String payer = register("payer", 1_000);
    String payee = register("payee", 0);
    SignedOrder order = order(payer, payee, 100);
    Decision settled = ledger.settle(order, NOW);

    Decision cancelled = ledger.cancel(order.order().id(), payer);

    assertEquals(Outcome.ALREADY_SETTLED, cancelled.outcome());
    assertEquals(settled.transferId(), cancelled.transferId());
    assertEquals(100, ledger.account(payee).orElseThrow().balance());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void cancellingAnotherPayersOrderIsReplayed() throws Exception {
    String payer = register("payer", 1_000);
    String payee = register("payee", 0);
    String stranger = register("eve", 0);
    SignedOrder order = order(payer, payee, 100);
    ledger.cancel(order.order().id(), payer);

    assertEquals(Outcome.REPLAYED, ledger.cancel(order.order().id(), stranger).outcome());
    SignedOrder settled = order(payer, payee, 100);
    ledger.settle(settled, NOW);
    assertEquals(Outcome.REPLAYED, ledger.cancel(settled.order().id(), stranger).outcome());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void settlingWithAnUnknownAccountIsAnArgumentError() throws Exception {
    String payer = register("payer", 1_000);
    assertThrows(
        IllegalArgumentException.class,
        () -> ledger.settle(order(payer, newName("ghost"), 1), NOW));
    assertEquals(1_000, ledger.account(payer).orElseThrow().balance());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void historyIsNewestFirstAndReplaysToTheBalance() throws Exception {
    String alice = register("alice", 1_000);
    String bob = register("bob", 500);
    ledger.settle(order(alice, bob, 100), NOW);
    ledger.settle(order(bob, alice, 250), NOW);
    ledger.settle(order(alice, bob, 5_000), NOW); // refused: no entry
    ledger.settle(order(alice, bob, 1_150), NOW);

    List<HistoryEntry> history = ledger.history(alice, 100);

    assertEquals(4, history.size());
    for (int i = 1; i < history.size(); i++) {
      assertTrue(history.get(i - 1).transferId() > history.get(i).transferId());
    }
    long balance = 0;
    for (HistoryEntry entry : history.reversed()) {
      balance += entry.amount();
      assertEquals(balance, entry.balanceAfter());
    }
    assertEquals(0, balance);
    assertEquals(ledger.account(alice).orElseThrow().balance(), balance);
    assertEquals(List.of(-1_150L, 250L), amounts(ledger.history(alice, 2)));
    assertEquals(bob, history.get(0).counterparty());
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void theDatabaseItselfRefusesANegativeUserBalance() throws Exception {
    String name = register("alice", 100);
    try (Connection connection = rawConnection();
        PreparedStatement update =
            connection.prepareStatement("UPDATE accounts SET balance = -1 WHERE name = ?")) {
      update.setString(1, name);
      assertThrows(SQLException.class, update::executeUpdate);
    }
    assertEquals(100, ledger.account(name).orElseThrow().balance());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void ordersSettledAtOnceNeverOverdrawTheAccount() throws Exception {
    String payer = register("payer", 100);
    String payee = register("payee", 0);
    List<SignedOrder> orders = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      orders.add(order(payer, payee, 30));
    }

    List<Decision> decisions = atOnce(orders.stream().map(this::settling).toList());

    Map<Outcome, Long> outcomes = tally(decisions);
    assertEquals(Map.of(Outcome.SETTLED, 3L, Outcome.INSUFFICIENT_FUNDS, 37L), outcomes);
    assertEquals(10, ledger.account(payer).orElseThrow().balance());
    assertEquals(90, ledger.account(payee).orElseThrow().balance());
    assertEquals(3, count("SELECT COUNT(*) FROM transfers WHERE payer = ?", payer));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theSameOrderSubmittedAtOnceSettlesOnce() throws Exception {
    String payer = register("payer", 1_000);
    String payee = register("payee", 0);
    SignedOrder order = order(payer, payee, 400);
    List<Callable<Decision>> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      calls.add(settling(order));
    }

    List<Decision> decisions = atOnce(calls);

    assertEquals(Map.of(Outcome.SETTLED, 1L, Outcome.ALREADY_SETTLED, 15L), tally(decisions));
    assertEquals(1, decisions.stream().map(Decision::transferId).distinct().count());
    assertEquals(1, count("SELECT COUNT(*) FROM transfers WHERE order_id = ?", order.order().id()));
    assertEquals(600, ledger.account(payer).orElseThrow().balance());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theSameIdCancelledAndSettledAtOnceIsDecidedOnce() throws Exception {
    String payer = register("payer", 1_000);
    String payee = register("payee", 0);
    List<Callable<Decision>> calls = new ArrayList<>();
    List<SignedOrder> orders = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      SignedOrder order = order(payer, payee, 10);
      orders.add(order);
      calls.add(settling(order));
      calls.add(() -> ledger.cancel(order.order().id(), payer));
    }

    List<Decision> decisions = atOnce(calls);

    for (SignedOrder order : orders) {
      String id = order.order().id();
      Set<Outcome> outcomes =
          decisions.stream()
              .filter(decision -> decision.orderId().equals(id))
              .map(Decision::outcome)
              .collect(Collectors.toSet());
      assertTrue(
          outcomes.equals(Set.of(Outcome.SETTLED, Outcome.ALREADY_SETTLED))
              || outcomes.equals(Set.of(Outcome.CANCELLED)),
          id + ": " + outcomes);
    }
    long settled = tally(decisions).getOrDefault(Outcome.SETTLED, 0L);
    assertEquals(1_000 - 10 * settled, ledger.account(payer).orElseThrow().balance());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void crossingPaymentsAtOnceAllSettle() throws Exception {
    String alice = register("alice", 10_000);
    String bob = register("bob", 10_000);
    List<Callable<Decision>> calls = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      calls.add(settling(i % 2 == 0 ? order(alice, bob, 7) : order(bob, alice, 7)));
    }

    List<Decision> decisions = atOnce(calls);

    assertEquals(Map.of(Outcome.SETTLED, 200L), tally(decisions));
    assertEquals(10_000, ledger.account(alice).orElseThrow().balance());
    assertEquals(10_000, ledger.account(bob).orElseThrow().balance());
    assertEquals(201, ledger.history(alice, 1_000).size());
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void ledgersOpenedAtOnceOnOneDatabaseShareIt() throws Exception {
    String name = register("alice", 300);
    List<Callable<JdbcLedger>> opens = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      opens.add(() -> JdbcLedger.open(jdbcUrl()));
    }
    for (JdbcLedger other : atOnce(opens)) {
      try (other) {
        assertEquals(300, other.account(name).orElseThrow().balance());
        assertEquals(ledger.snapshot(), other.snapshot());
      }
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aClosedLedgerIsUnavailableAndClosesAgainQuietly() {
    JdbcLedger closed = JdbcLedger.open(jdbcUrl());
    closed.close();
    closed.close();
    LedgerUnavailableException failure =
        assertThrows(LedgerUnavailableException.class, closed::snapshot);
    assertTrue(failure.getMessage().startsWith("the ledger cannot"), failure.getMessage());
    assertThrows(
        LedgerUnavailableException.class, () -> closed.settle(order("alice", "bob", 1), NOW));
  }

  private Callable<Decision> settling(SignedOrder order) {
    return () -> ledger.settle(order, NOW);
  }

  /** Runs every call on a thread of its own, released together; their results in order. */
  private static <T> List<T> atOnce(List<Callable<T>> calls) throws Exception {
    CountDownLatch ready = new CountDownLatch(calls.size());
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService threads = Executors.newFixedThreadPool(calls.size())) {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(
            threads.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return call.call();
                }));
      }
      ready.await();
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    }
  }

  private static Map<Outcome, Long> tally(List<Decision> decisions) {
    Map<Outcome, Long> tally = new EnumMap<>(Outcome.class);
    for (Decision decision : decisions) {
      tally.merge(decision.outcome(), 1L, Long::sum);
    }
    return tally;
  }

  private static List<Long> amounts(List<HistoryEntry> history) {
    return history.stream().map(HistoryEntry::amount).toList();
  }

  /** Registers a user under a fresh name; the name. */
  private String register(String prefix, long openingBalance) throws NameTakenException {
    return ledger
        .register(newName(prefix), randomBytes(40), randomFingerprint(), openingBalance)
        .name();
  }

  private static SignedOrder order(String payer, String payee, long amount) {
    return order(payer, payee, amount, newId(), NOW.plusSeconds(300));
  }

  private static SignedOrder order(
      String payer, String payee, long amount, String id, Instant expires) {
    return new SignedOrder(
        new PaymentOrder(payer, payee, amount, id, expires), "payer-signature", "payee-signature");
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  private static String newName(String prefix) {
    return prefix + "-" + HexFormat.of().formatHex(randomBytes(5));
  }

  private static String randomFingerprint() {
    return HexFormat.of().formatHex(randomBytes(32));
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private Connection rawConnection() throws SQLException {
    return DriverManager.getConnection(jdbcUrl());
  }

  private long count(String sql, Object parameter) throws SQLException {
    try (Connection connection = rawConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setObject(1, parameter);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private String text(String sql, Object parameter) throws SQLException {
    try (Connection connection = rawConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setObject(1, parameter);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }
  }
}
