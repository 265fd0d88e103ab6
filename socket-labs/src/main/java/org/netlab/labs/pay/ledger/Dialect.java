package org.netlab.labs.pay.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * What differs between the ledger's two databases: column types, how a writing transaction starts,
 * and which failures are worth running the transaction again for. Everything else is portable SQL
 * (SQLite 3.35+, PostgreSQL 10+).
 */
enum Dialect {
  /**
   * Every writing transaction starts with {@code BEGIN IMMEDIATE}, which takes the database's one
   * write lock at once (waiting out the busy timeout): writers queue instead of failing when a
   * reader tries to become a writer. Nothing then races, so nothing is retried.
   */
  SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB", "") {
    @Override
    void begin(Connection connection) throws SQLException {
      execute(connection, "BEGIN IMMEDIATE");
    }

    @Override
    void commit(Connection connection) throws SQLException {
      execute(connection, "COMMIT");
    }

    @Override
    void rollback(Connection connection) throws SQLException {
      execute(connection, "ROLLBACK");
    }

    @Override
    boolean retryable(SQLException failure) {
      return false;
    }
  },

  /**
   * Read committed transactions that lock the rows they change ({@code FOR UPDATE}). A transaction
   * that loses a race on a unique key, or that the server aborts as a deadlock or a serialization
   * failure, is run again from the start.
   */
  POSTGRESQL("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "BYTEA", " FOR UPDATE") {
    /** unique_violation, serialization_failure, deadlock_detected. */
    private static final Set<String> RETRYABLE = Set.of("23505", "40001", "40P01");

    @Override
    void begin(Connection connection) throws SQLException {
      connection.setAutoCommit(false);
    }

    @Override
    void commit(Connection connection) throws SQLException {
      connection.commit();
      connection.setAutoCommit(true);
    }

    @Override
    void rollback(Connection connection) throws SQLException {
      connection.rollback();
      connection.setAutoCommit(true);
    }

    @Override
    boolean retryable(SQLException failure) {
      return failure.getSQLState() != null && RETRYABLE.contains(failure.getSQLState());
    }
  };

  private final String generatedKey;
  private final String bytes;
  private final String lockRows;

  Dialect(String generatedKey, String bytes, String lockRows) {
    this.generatedKey = generatedKey;
    this.bytes = bytes;
    this.lockRows = lockRows;
  }

  /** SQLite for {@code jdbc:sqlite:} URLs, PostgreSQL for any other. */
  static Dialect of(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:sqlite:") ? SQLITE : POSTGRESQL;
  }

  /** The column type of a key the database numbers itself, in insertion order. */
  String generatedKey() {
    return generatedKey;
  }

  /** The column type of a byte string. */
  String bytes() {
    return bytes;
  }

  /**
   * What a {@code SELECT} ends with to lock the rows it reads until the transaction ends; empty on
   * SQLite, whose writing transaction holds the whole database.
   */
  String lockRows() {
    return lockRows;
  }

  /** Starts a writing transaction on a connection in auto-commit mode. */
  abstract void begin(Connection connection) throws SQLException;

  /** Commits what {@link #begin} started and leaves the connection in auto-commit mode. */
  abstract void commit(Connection connection) throws SQLException;

  /** Rolls back what {@link #begin} started and leaves the connection in auto-commit mode. */
  abstract void rollback(Connection connection) throws SQLException;

  /** Whether the whole transaction may succeed when run again. */
  abstract boolean retryable(SQLException failure);

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
