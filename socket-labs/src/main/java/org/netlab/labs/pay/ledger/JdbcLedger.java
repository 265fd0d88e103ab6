package org.netlab.labs.pay.ledger;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.netlab.labs.pay.PaymentOrder;
import org.netlab.labs.pay.SignedOrder;
import org.netlab.labs.pay.ledger.Decision.Outcome;

/**
 * The ledger in a SQL database through JDBC: SQLite ({@code jdbc:sqlite:FILE}) or PostgreSQL (any
 * other URL). The tables are described in {@link LedgerSchema}; each method is one transaction,
 * committed durably before it returns (SQLite in WAL mode with {@code synchronous=FULL}, PostgreSQL
 * with its default {@code synchronous_commit}).
 *
 * <p>Concurrency. On SQLite every writing transaction starts with {@code BEGIN IMMEDIATE}, so
 * writers take turns. On PostgreSQL a settlement first locks both accounts' rows, in name order so
 * that crossing payments cannot deadlock, and only then reads the order's record: two settlements
 * of one order therefore run one after the other, and the second finds the first's decision. A
 * transaction that still loses a race (an order id decided at the same moment by a cancellation or
 * another order, a deadlock, a serialization failure) is run again from the start, a few times at
 * most, and then answers from what the winner recorded; the caller never sees the race.
 *
 * <p>Decisions. {@link Decision#payerBalance()} is the payer's balance when the decision was made:
 * after the transfer for {@link Outcome#SETTLED}, the current one for every other outcome, and -1
 * for {@link Outcome#REPLAYED} (the id is another order's, whose payer the caller may not be) or
 * when the payer has no account. A cancellation is recorded without a digest, since only the id is
 * given: any later order under that id from the same payer is answered {@link Outcome#CANCELLED},
 * whatever its other fields; one from another payer is {@link Outcome#REPLAYED}.
 *
 * <p>Opening balances are transfers from {@link Ledger#ISSUER} under the order id {@code
 * open:NAME}, which no signed order can have, and grants under {@code grant:} and a random id;
 * neither has a record in {@code orders}.
 */
public final class JdbcLedger implements Ledger {
  private static final String OPENING_PREFIX = "open:";
  private static final String GRANT_PREFIX = "grant:";

  private final LedgerDatabase database;
  private final Clock clock;

  private JdbcLedger(LedgerDatabase database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /**
   * Opens the ledger at a JDBC URL ({@code jdbc:sqlite:FILE} or {@code
   * jdbc:postgresql://HOST/DB?user=U&password=P}), creating its tables when missing.
   *
   * @throws LedgerUnavailableException when the database cannot be reached
   */
  public static JdbcLedger open(String jdbcUrl) {
    return open(jdbcUrl, Clock.systemUTC());
  }

  /**
   * Like {@link #open(String)}, with the clock that dates registrations and cancellations
   * (settlements are dated by their caller).
   */
  public static JdbcLedger open(String jdbcUrl, Clock clock) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(clock, "clock");
    LedgerDatabase database = LedgerDatabase.open(jdbcUrl);
    try {
      LedgerSchema.create(database, clock.millis());
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return new JdbcLedger(database, clock);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the opening balance is negative, or the certificate's
   *     fingerprint is another account's
   */
  @Override
  public Account register(String name, byte[] certificate, String fingerprint, long openingBalance)
      throws NameTakenException {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (openingBalance < 0) {
      throw new IllegalArgumentException("an opening balance is zero or more");
    }
    long now = clock.millis();
    Optional<Account> account =
        database.transaction(
            "register an account",
            connection -> {
              // Every registration locks the issuer first: they take turns, so the checks hold.
              long issuerBalance = lockedBalances(connection, List.of(ISSUER)).get(ISSUER);
              if (exists(connection, "SELECT 1 FROM accounts WHERE name = ?", name)) {
                return Optional.empty();
              }
              if (exists(connection, "SELECT 1 FROM accounts WHERE fingerprint = ?", fingerprint)) {
                throw new IllegalArgumentException(
                    "this certificate is registered to another account already");
              }
              insertAccount(connection, name, certificate, fingerprint, openingBalance, now);
              if (openingBalance > 0) {
                addToBalance(connection, ISSUER, -openingBalance);
                long transferId =
                    insertTransfer(
                        connection, OPENING_PREFIX + name, ISSUER, name, openingBalance, now, null);
                insertEntry(
                    connection,
                    transferId,
                    ISSUER,
                    -openingBalance,
                    issuerBalance - openingBalance);
                insertEntry(connection, transferId, name, openingBalance, openingBalance);
              }
              return Optional.of(
                  new Account(
                      name,
                      certificate.clone(),
                      fingerprint,
                      openingBalance,
                      Instant.ofEpochMilli(now)));
            });
    return account.orElseThrow(() -> new NameTakenException(name));
  }

  /** The account of a registered user; empty for an unknown name and for the issuer. */
  @Override
  public long grant(String name, long amount) {
    Objects.requireNonNull(name, "name");
    if (amount < 1) {
      throw new IllegalArgumentException("a grant is 1 minor unit or more");
    }
    long now = clock.millis();
    String orderId = GRANT_PREFIX + UUID.randomUUID();
    return database.transaction(
        "grant money",
        connection -> {
          Map<String, Long> balances = lockedBalances(connection, List.of(ISSUER, name));
          if (name.equals(ISSUER) || !balances.containsKey(name)) {
            throw new IllegalArgumentException("no user is called " + name);
          }
          addToBalance(connection, ISSUER, -amount);
          addToBalance(connection, name, amount);
          long transferId = insertTransfer(connection, orderId, ISSUER, name, amount, now, null);
          insertEntry(connection, transferId, ISSUER, -amount, balances.get(ISSUER) - amount);
          insertEntry(connection, transferId, name, amount, balances.get(name) + amount);
          return transferId;
        });
  }

  @Override
  public Optional<Account> account(String name) {
    return database.read(
        "read an account",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT certificate, fingerprint, balance, registered_at FROM accounts"
                      + " WHERE name = ? AND kind = 'user'")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new Account(
                      name,
                      row.getBytes(1),
                      row.getString(2),
                      row.getLong(3),
                      Instant.ofEpochMilli(row.getLong(4))));
            }
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the payer or the payee has no account
   */
  @Override
  public Decision settle(SignedOrder signed, Instant now) {
    PaymentOrder order = signed.order();
    String digest = digest(order);
    return database.transaction(
        "settle an order",
        connection -> {
          Map<String, Long> balances =
              lockedBalances(connection, List.of(order.payer(), order.payee()));
          Long payerBalance = balances.get(order.payer());
          Long payeeBalance = balances.get(order.payee());
          if (payerBalance == null || payeeBalance == null) {
            throw new IllegalArgumentException(
                "no account named " + (payerBalance == null ? order.payer() : order.payee()));
          }
          Optional<Recorded> recorded = recorded(connection, order.id());
          if (recorded.isPresent()) {
            return recorded.get().answer(order.id(), order.payer(), digest, payerBalance);
          }
          if (order.expiredAt(now)) {
            return new Decision(Outcome.EXPIRED, order.id(), 0, payerBalance);
          }
          long at = now.toEpochMilli();
          if (!debit(connection, order.payer(), order.amount())) {
            insertOrder(
                connection, order.id(), order.payer(), digest, Outcome.INSUFFICIENT_FUNDS, 0, at);
            return new Decision(Outcome.INSUFFICIENT_FUNDS, order.id(), 0, payerBalance);
          }
          addToBalance(connection, order.payee(), order.amount());
          long transferId =
              insertTransfer(
                  connection, order.id(), order.payer(), order.payee(), order.amount(), at, signed);
          long payerAfter = payerBalance - order.amount();
          insertEntry(connection, transferId, order.payer(), -order.amount(), payerAfter);
          insertEntry(
              connection, transferId, order.payee(), order.amount(), payeeBalance + order.amount());
          insertOrder(
              connection, order.id(), order.payer(), digest, Outcome.SETTLED, transferId, at);
          return new Decision(Outcome.SETTLED, order.id(), transferId, payerAfter);
        });
  }

  @Override
  public Decision cancel(String orderId, String payer) {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(payer, "payer");
    long now = clock.millis();
    return database.transaction(
        "cancel an order",
        connection -> {
          long payerBalance = balance(connection, payer);
          Optional<Recorded> recorded = recorded(connection, orderId);
          if (recorded.isPresent()) {
            return recorded.get().answer(orderId, payer, null, payerBalance);
          }
          insertOrder(connection, orderId, payer, null, Outcome.CANCELLED, 0, now);
          return new Decision(Outcome.CANCELLED, orderId, 0, payerBalance);
        });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when {@code limit} is negative
   */
  @Override
  public List<HistoryEntry> history(String name, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("a limit is zero or more");
    }
    return database.read(
        "read an account's history",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT e.transfer_id, t.settled_at, t.order_id,"
                      + " CASE WHEN t.payer = e.account THEN t.payee ELSE t.payer END,"
                      + " e.amount, e.balance_after"
                      + " FROM entries e JOIN transfers t ON t.id = e.transfer_id"
                      + " WHERE e.account = ? ORDER BY e.transfer_id DESC LIMIT ?")) {
            select.setString(1, name);
            select.setInt(2, limit);
            List<HistoryEntry> entries = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                entries.add(
                    new HistoryEntry(
                        row.getLong(1),
                        Instant.ofEpochMilli(row.getLong(2)),
                        row.getString(3),
                        row.getString(4),
                        row.getLong(5),
                        row.getLong(6)));
              }
            }
            return List.copyOf(entries);
          }
        });
  }

  /** Every balance, read by one statement, so at one instant on either database. */
  @Override
  public Snapshot snapshot() {
    return database.read(
        "read the balances",
        connection -> {
          Map<String, Long> balances = new HashMap<>();
          try (PreparedStatement select =
                  connection.prepareStatement("SELECT name, balance FROM accounts");
              ResultSet row = select.executeQuery()) {
            while (row.next()) {
              balances.put(row.getString(1), row.getLong(2));
            }
          }
          return new Snapshot(balances);
        });
  }

  @Override
  public String description() {
    return database.description();
  }

  /** Closes the connection pool; later calls fail as unavailable. Safe to repeat. */
  @Override
  public void close() {
    database.close();
  }

  /** The SHA-256 of the order's canonical text, lower-case hex. */
  static String digest(PaymentOrder order) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(order.text().getBytes(US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The first decision about an order id, as {@code orders} keeps it. */
  private record Recorded(String payer, String digest, Outcome outcome, long transferId) {
    /**
     * The answer to a later call about the same id.
     *
     * @param digest the later order's, or null for a cancellation
     */
    Decision answer(String orderId, String callerPayer, String digest, long payerBalance) {
      boolean sameOrder =
          payer.equals(callerPayer)
              && (digest == null || this.digest == null || this.digest.equals(digest));
      if (!sameOrder) {
        return new Decision(Outcome.REPLAYED, orderId, 0, -1);
      }
      return switch (outcome) {
        case SETTLED -> new Decision(Outcome.ALREADY_SETTLED, orderId, transferId, payerBalance);
        case INSUFFICIENT_FUNDS, CANCELLED -> new Decision(outcome, orderId, 0, payerBalance);
        case ALREADY_SETTLED, EXPIRED, REPLAYED ->
            throw new IllegalStateException("never recorded: " + outcome);
      };
    }
  }

  private static Optional<Recorded> recorded(Connection connection, String orderId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT payer, digest, outcome, transfer_id FROM orders WHERE order_id = ?")) {
      select.setString(1, orderId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Recorded(
                row.getString(1),
                row.getString(2),
                Outcome.valueOf(row.getString(3)),
                row.getLong(4)));
      }
    }
  }

  /**
   * The balances of the named accounts that exist, their rows locked until the transaction ends (on
   * PostgreSQL; SQLite's transaction holds the whole database). Rows are locked in name order, the
   * same in every transaction, so that two transactions cannot each wait for the other.
   */
  private Map<String, Long> lockedBalances(Connection connection, List<String> names)
      throws SQLException {
    String marks = String.join(", ", names.stream().map(name -> "?").toList());
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT name, balance FROM accounts WHERE name IN ("
                + marks
                + ") ORDER BY name"
                + database.dialect().lockRows())) {
      for (int i = 0; i < names.size(); i++) {
        select.setString(i + 1, names.get(i));
      }
      Map<String, Long> balances = new HashMap<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          balances.put(row.getString(1), row.getLong(2));
        }
      }
      return balances;
    }
  }

  /** The account's balance, or -1 when there is no such account. */
  private static long balance(Connection connection, String name) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT balance FROM accounts WHERE name = ?")) {
      select.setString(1, name);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? row.getLong(1) : -1;
      }
    }
  }

  private static boolean exists(Connection connection, String sql, String value)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, value);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  /** Takes {@code amount} from the account if its balance covers it; false if not. */
  private static boolean debit(Connection connection, String name, long amount)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE accounts SET balance = balance - ? WHERE name = ? AND balance >= ?")) {
      update.setLong(1, amount);
      update.setString(2, name);
      update.setLong(3, amount);
      return update.executeUpdate() == 1;
    }
  }

  private static void addToBalance(Connection connection, String name, long amount)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE name = ?")) {
      update.setLong(1, amount);
      update.setString(2, name);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("the account " + name + " vanished");
      }
    }
  }

  private static void insertAccount(
      Connection connection,
      String name,
      byte[] certificate,
      String fingerprint,
      long balance,
      long now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO accounts (name, kind, certificate, fingerprint, balance, registered_at)"
                + " VALUES (?, 'user', ?, ?, ?, ?)")) {
      insert.setString(1, name);
      insert.setBytes(2, certificate);
      insert.setString(3, fingerprint);
      insert.setLong(4, balance);
      insert.setLong(5, now);
      insert.executeUpdate();
    }
  }

  /**
   * @param signed the order as verified, or null for an opening balance
   * @return the transfer's id
   */
  private static long insertTransfer(
      Connection connection,
      String orderId,
      String payer,
      String payee,
      long amount,
      long at,
      SignedOrder signed)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO transfers (order_id, payer, payee, amount, settled_at, order_text,"
                + " payer_signature, payee_signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " RETURNING id")) {
      insert.setString(1, orderId);
      insert.setString(2, payer);
      insert.setString(3, payee);
      insert.setLong(4, amount);
      insert.setLong(5, at);
      insert.setString(6, signed == null ? null : signed.order().text());
      insert.setString(7, signed == null ? null : signed.payerSignature());
      insert.setString(8, signed == null ? null : signed.payeeSignature());
      try (ResultSet row = insert.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("the database gave no id to a new transfer");
        }
        return row.getLong(1);
      }
    }
  }

  private static void insertEntry(
      Connection connection, long transferId, String account, long amount, long balanceAfter)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO entries (transfer_id, account, amount, balance_after)"
                + " VALUES (?, ?, ?, ?)")) {
      insert.setLong(1, transferId);
      insert.setString(2, account);
      insert.setLong(3, amount);
      insert.setLong(4, balanceAfter);
      insert.executeUpdate();
    }
  }

  /**
   * @param digest null for a cancellation
   * @param transferId 0 when nothing moved
   */
  private static void insertOrder(
      Connection connection,
      String orderId,
      String payer,
      String digest,
      Outcome outcome,
      long transferId,
      long at)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO orders (order_id, payer, digest, outcome, transfer_id, decided_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, orderId);
      insert.setString(2, payer);
      insert.setString(3, digest);
      insert.setString(4, outcome.name());
      if (transferId == 0) {
        insert.setNull(5, Types.BIGINT);
      } else {
        insert.setLong(5, transferId);
      }
      insert.setLong(6, at);
      insert.executeUpdate();
    }
  }
}
