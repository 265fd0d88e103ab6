package org.netlab.labs.pay.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The ledger's tables, kept by double entry: every transfer has two entries, a debit and a credit
 * that sum to zero, and each account's balance is the sum of its entries. The issuer's account is
 * created with the tables at zero and goes negative as it issues opening balances, so the balances
 * of all accounts always sum to zero. Times are epoch milliseconds.
 *
 * <ul>
 *   <li>{@code accounts}: a user's (with the certificate and its unique fingerprint) or the
 *       issuer's; the database itself refuses a negative user balance.
 *   <li>{@code transfers}: money moved from a payer to a payee, under a unique order id ({@code
 *       open:NAME} for an opening balance), with the order's text and signatures as verified.
 *   <li>{@code entries}: two per transfer, with the account's balance once applied.
 *   <li>{@code orders}: the first decision about each signed order's id, with the order's digest:
 *       the idempotency record. Opening balances have none.
 * </ul>
 */
final class LedgerSchema {
  /** The key of the PostgreSQL advisory lock held while the tables are created. */
  private static final long CREATION_LOCK = 0x6e65746c61625061L; // "netlabPa"

  private LedgerSchema() {}

  /**
   * Creates the tables and the issuer's account that are missing, in one transaction. On PostgreSQL
   * an advisory lock makes servers starting at once create them one after the other (two {@code
   * CREATE TABLE IF NOT EXISTS} racing can both try); on SQLite the transaction holds the database.
   */
  static void create(LedgerDatabase database, long nowMillis) {
    Dialect dialect = database.dialect();
    database.transaction(
        "create its tables",
        connection -> {
          if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement lock =
                connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
              lock.setLong(1, CREATION_LOCK);
              lock.execute();
            }
          }
          try (Statement statement = connection.createStatement()) {
            for (String sql : statements(dialect)) {
              statement.execute(sql);
            }
          }
          createIssuer(connection, nowMillis);
          return null;
        });
  }

  static List<String> statements(Dialect dialect) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS accounts ("
            + " name VARCHAR(40) PRIMARY KEY,"
            + " kind VARCHAR(8) NOT NULL CHECK (kind IN ('user', 'issuer')),"
            + " certificate "
            + dialect.bytes()
            + ","
            + " fingerprint VARCHAR(64) UNIQUE,"
            + " balance BIGINT NOT NULL,"
            + " registered_at BIGINT NOT NULL,"
            + " CONSTRAINT user_balance_not_negative CHECK (kind = 'issuer' OR balance >= 0),"
            + " CONSTRAINT user_has_certificate"
            + " CHECK (kind = 'issuer' OR (certificate IS NOT NULL AND fingerprint IS NOT NULL)))",
        "CREATE TABLE IF NOT EXISTS transfers ("
            + " id "
            + dialect.generatedKey()
            + ","
            + " order_id VARCHAR(80) NOT NULL UNIQUE,"
            + " payer VARCHAR(40) NOT NULL REFERENCES accounts (name),"
            + " payee VARCHAR(40) NOT NULL REFERENCES accounts (name),"
            + " amount BIGINT NOT NULL CHECK (amount > 0),"
            + " settled_at BIGINT NOT NULL,"
            + " order_text TEXT,"
            + " payer_signature TEXT,"
            + " payee_signature TEXT,"
            + " CHECK (payer <> payee))",
        "CREATE TABLE IF NOT EXISTS entries ("
            + " transfer_id BIGINT NOT NULL REFERENCES transfers (id),"
            + " account VARCHAR(40) NOT NULL REFERENCES accounts (name),"
            + " amount BIGINT NOT NULL CHECK (amount <> 0),"
            + " balance_after BIGINT NOT NULL,"
            + " PRIMARY KEY (transfer_id, account))",
        "CREATE INDEX IF NOT EXISTS entries_by_account ON entries (account, transfer_id)",
        "CREATE TABLE IF NOT EXISTS orders ("
            + " order_id VARCHAR(64) PRIMARY KEY,"
            + " payer VARCHAR(40) NOT NULL,"
            + " digest CHAR(64),"
            + " outcome VARCHAR(20) NOT NULL"
            + " CHECK (outcome IN ('SETTLED', 'INSUFFICIENT_FUNDS', 'CANCELLED')),"
            + " transfer_id BIGINT REFERENCES transfers (id),"
            + " decided_at BIGINT NOT NULL,"
            + " CHECK ((outcome = 'SETTLED') = (transfer_id IS NOT NULL)))");
  }

  private static void createIssuer(Connection connection, long nowMillis) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO accounts (name, kind, balance, registered_at)"
                + " VALUES (?, 'issuer', 0, ?) ON CONFLICT (name) DO NOTHING")) {
      insert.setString(1, Ledger.ISSUER);
      insert.setLong(2, nowMillis);
      insert.executeUpdate();
    }
  }
}
