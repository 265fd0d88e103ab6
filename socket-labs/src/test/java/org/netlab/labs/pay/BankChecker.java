package org.netlab.labs.pay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.netlab.labs.pay.ledger.HistoryEntry;
import org.netlab.labs.pay.ledger.Ledger;
import org.netlab.labs.pay.ledger.Snapshot;

/**
 * The bank invariants, checked from outside the server: money is neither created nor lost in any
 * read, no balance goes below zero, each account's history replays to its balance, and the ledger
 * holds exactly the payments that were made: each one a payer was told settled once, none that was
 * refused, none that nobody asked for.
 *
 * <p>It records what it finds instead of throwing, so one run reports every broken invariant.
 */
final class BankChecker {
  /** Enough entries for any history of a bounded run. */
  private static final int ALL = 1_000_000;

  /** Problems kept verbatim; the rest are only counted. */
  private static final int KEPT = 25;

  private final Set<String> users;
  private final long openingBalance;
  private final List<String> problems = new ArrayList<>();
  private final AtomicLong problemCount = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private final Map<String, Integer> unknownSettled = new TreeMap<>();
  private volatile int unknownNotSettled;

  BankChecker(Set<String> users, long openingBalance) {
    this.users = Set.copyOf(users);
    this.openingBalance = openingBalance;
  }

  /** Checks one read of every balance: the sum, the issuer's share, no negative balance. */
  void checkRead(Snapshot snapshot) {
    reads.incrementAndGet();
    Map<String, Long> balances = snapshot.balances();
    Set<String> expected = new HashSet<>(users);
    expected.add(Ledger.ISSUER);
    if (!balances.keySet().equals(expected)) {
      problem("a read saw the accounts " + balances.keySet() + ", not " + expected);
      return;
    }
    long userTotal = 0;
    for (String user : users) {
      long balance = balances.get(user);
      userTotal += balance;
      if (balance < 0) {
        problem("a read saw " + user + " at " + balance);
      }
    }
    if (userTotal != users.size() * openingBalance || snapshot.total() != 0) {
      problem(
          "a read saw users holding "
              + userTotal
              + " (expected "
              + users.size() * openingBalance
              + "), total with the issuer "
              + snapshot.total()
              + ": "
              + balances);
    }
  }

  /**
   * Checks the ledger once the payments are over against what the payers were told.
   *
   * @param attempts every order a payer made, by id
   */
  void checkFinal(Ledger ledger, Map<String, BankWorkload.Attempt> attempts) {
    Snapshot last = ledger.snapshot();
    checkRead(last);
    Map<String, List<Side>> sidesByOrder = new HashMap<>();
    for (String user : users) {
      List<HistoryEntry> history = new ArrayList<>(ledger.history(user, ALL)).reversed();
      replay(user, history, last.balances().getOrDefault(user, -1L));
      for (HistoryEntry entry : history) {
        sidesByOrder
            .computeIfAbsent(entry.orderId(), id -> new ArrayList<>())
            .add(new Side(user, entry.transferId(), entry.amount()));
      }
    }
    for (Map.Entry<String, List<Side>> order : sidesByOrder.entrySet()) {
      if (!order.getKey().startsWith("open:")) {
        checkTransfer(order.getKey(), order.getValue(), attempts.get(order.getKey()));
      }
    }
    int notSettled = 0;
    for (BankWorkload.Attempt attempt : attempts.values()) {
      List<Side> sides = sidesByOrder.get(attempt.order().id());
      switch (attempt.verdict()) {
        case ACKNOWLEDGED -> {
          if (sides == null) {
            problem("acknowledged but not in the ledger: " + attempt);
          } else if (sides.get(0).transferId() != attempt.transferId()) {
            problem("acknowledged as another transfer than the ledger's: " + attempt + " " + sides);
          }
        }
        case REFUSED -> {
          if (sides != null) {
            problem("refused but settled: " + attempt + " " + sides);
          }
        }
        case UNKNOWN -> {
          if (sides != null) {
            synchronized (unknownSettled) {
              unknownSettled.merge(attempt.outcome(), 1, Integer::sum);
            }
          } else {
            notSettled++;
          }
        }
      }
    }
    unknownNotSettled = notSettled;
  }

  /** Entries oldest first: each balance follows from the one before, and ends at the balance. */
  private void replay(String user, List<HistoryEntry> history, long balance) {
    if (history.isEmpty() || !history.get(0).orderId().equals("open:" + user)) {
      problem(user + "'s history does not begin with its opening balance");
      return;
    }
    long running = 0;
    long previousTransfer = Long.MIN_VALUE;
    for (HistoryEntry entry : history) {
      running += entry.amount();
      if (entry.transferId() <= previousTransfer) {
        problem(user + "'s history repeats or reorders transfer " + entry.transferId());
      }
      previousTransfer = entry.transferId();
      if (entry.balanceAfter() != running || entry.balanceAfter() < 0) {
        problem(user + "'s entry " + entry + " does not follow: the sum so far is " + running);
        return;
      }
    }
    if (running != balance) {
      problem(user + "'s history sums to " + running + " but the balance is " + balance);
    }
  }

  /** One settled order: one transfer, a debit of the payer and a credit of the payee. */
  private void checkTransfer(String orderId, List<Side> sides, BankWorkload.Attempt attempt) {
    if (attempt == null) {
      problem("the ledger has an order no payer made: " + orderId + " " + sides);
      return;
    }
    var order = attempt.order();
    List<Side> expected =
        List.of(
            new Side(order.payer(), sides.get(0).transferId(), -order.amount()),
            new Side(order.payee(), sides.get(0).transferId(), order.amount()));
    if (!new HashSet<>(sides).equals(new HashSet<>(expected)) || sides.size() != 2) {
      problem("order " + orderId + " is in the ledger as " + sides + ", expected " + expected);
    }
  }

  private record Side(String account, long transferId, long amount) {}

  private void problem(String text) {
    problemCount.incrementAndGet();
    synchronized (problems) {
      if (problems.size() < KEPT) {
        problems.add(text);
      }
    }
  }

  /** Every problem found, the first few verbatim; empty when every invariant held. */
  String problems() {
    synchronized (problems) {
      return problemCount.get() == 0
          ? ""
          : problemCount.get() + " problems, the first " + problems.size() + ": " + problems;
    }
  }

  long reads() {
    return reads.get();
  }

  /** Payments whose payer got no answer (or "try later"), which the ledger settled, by answer. */
  Map<String, Integer> unknownSettled() {
    synchronized (unknownSettled) {
      return Map.copyOf(unknownSettled);
    }
  }

  /** Payments whose payer got no answer, which the ledger did not settle. */
  int unknownNotSettled() {
    return unknownNotSettled;
  }
}
