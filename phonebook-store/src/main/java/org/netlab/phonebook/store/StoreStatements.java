package org.netlab.phonebook.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.netlab.domain.ServiceException;

/**
 * One store's statements on the shared {@link Database}. A read runs alone on a pooled connection
 * in auto-commit mode; a write goes to the database's one writer ({@link GroupCommit}), which
 * commits it with the writes queued beside it, and is durable when it returns. A failure reaches
 * the caller as UNAVAILABLE naming the store, its cause kept for the server's log.
 */
final class StoreStatements {
  private final Database database;
  private final String unavailable;

  /** How the database's {@link CommitListener} is told who wrote; null: it is not told. */
  private final String part;

  /**
   * Statements whose writes are not reported to the {@link CommitListener} (the tables made on
   * opening).
   *
   * @param storeName what the caller is told is unavailable, e.g. {@code the token store}
   */
  StoreStatements(Database database, String storeName) {
    this(database, storeName, null);
  }

  /**
   * @param storeName what the caller is told is unavailable, e.g. {@code the token store}
   * @param part how the {@link CommitListener} is told who wrote, e.g. {@code tokens}
   */
  StoreStatements(Database database, String storeName, String part) {
    this.database = database;
    this.unavailable = storeName + " is unavailable; try again later";
    this.part = part;
  }

  /** Runs one statement that changes nothing. */
  <T> T read(String sql, StatementWork<T> work) {
    try {
      return run(sql, work);
    } catch (SQLException e) {
      throw storeUnavailable(e);
    }
  }

  /**
   * Runs one statement that changes the database, in the writer's next transaction; returns once
   * that has committed, and the write has been reported to the {@link CommitListener}.
   */
  <T> T write(String sql, StatementWork<T> work) {
    return commit(Write.of(part, sql, work, List.of()));
  }

  /**
   * As {@link #write(String, StatementWork)}, with more statements in the same transaction.
   *
   * @param followUps null ones are skipped
   */
  @SafeVarargs
  final <T> T write(String sql, StatementWork<T> work, FollowUp<T>... followUps) {
    return commit(Write.of(part, sql, work, present(followUps)));
  }

  /**
   * As {@link #write(String, StatementWork, FollowUp[])}, for a statement that is only bound, and
   * answers with the rows it changed: such writes queued together are sent as one JDBC batch.
   */
  @SafeVarargs
  final int writeCounted(String sql, Write.Binding binding, FollowUp<Integer>... followUps) {
    return commit(Write.counted(part, sql, binding, present(followUps)));
  }

  @SafeVarargs
  private static <T> List<FollowUp<T>> present(FollowUp<T>... followUps) {
    List<FollowUp<T>> present = new ArrayList<>(followUps.length);
    for (FollowUp<T> followUp : followUps) {
      if (followUp != null) {
        present.add(followUp);
      }
    }
    return present;
  }

  private <T> T commit(Write<T> write) {
    try {
      return database.write(write);
    } catch (SQLException e) {
      throw storeUnavailable(e);
    }
  }

  /** Every row the statement's query answers, read by {@code reader}, in the order given. */
  static <T> List<T> allRows(PreparedStatement statement, RowReader<T> reader) throws SQLException {
    List<T> all = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        all.add(reader.read(rows));
      }
    }
    return all;
  }

  /** The first row the statement's query answers, read by {@code reader}; null when none. */
  static <T> T firstRow(PreparedStatement statement, RowReader<T> reader) throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      return rows.next() ? reader.read(rows) : null;
    }
  }

  private <T> T run(String sql, StatementWork<T> work) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      return work.run(statement);
    }
  }

  /** The caller's server logs outages, rate-limited: a log line per failed call would flood. */
  private ServiceException storeUnavailable(SQLException e) {
    return ServiceException.unavailable(unavailable, e);
  }

  /** What to do with a prepared statement: bind it, run it, read its answer. */
  @FunctionalInterface
  interface StatementWork<T> {
    T run(PreparedStatement statement) throws SQLException;
  }

  /** Turns the current row into a value. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }
}
