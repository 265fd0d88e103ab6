package org.netlab.phonebook.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the statements of a batch of writes in the transaction open on a connection, in as few round
 * trips as their order allows: the counted writes of one statement that follow each other go as one
 * JDBC batch, each other write runs alone, and the follow-ups go last, one JDBC batch per
 * statement. Each statement is prepared once for the transaction.
 */
final class BatchStatements implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();

  BatchStatements(Connection connection) {
    this.connection = connection;
  }

  /**
   * What each write returned, in the order of {@code writes}.
   *
   * @throws SQLException when a statement failed: the transaction must be rolled back
   */
  List<Object> run(List<Write<?>> writes) throws SQLException {
    List<Object> results = new ArrayList<>(writes.size());
    int first = 0;
    while (first < writes.size()) {
      int end = endOfRun(writes, first);
      if (end - first > 1) {
        results.addAll(runCounted(writes.subList(first, end)));
      } else {
        Write<?> write = writes.get(first);
        results.add(write.work.run(statement(write.sql)));
      }
      first = end;
    }
    runFollowUps(writes, results);
    return results;
  }

  /** Where the run of counted writes of one statement starting at {@code first} ends. */
  private static int endOfRun(List<Write<?>> writes, int first) {
    Write<?> start = writes.get(first);
    int end = first + 1;
    while (start.counted()
        && end < writes.size()
        && writes.get(end).counted()
        && writes.get(end).sql.equals(start.sql)) {
      end++;
    }
    return end;
  }

  private List<Integer> runCounted(List<Write<?>> run) throws SQLException {
    PreparedStatement statement = statement(run.get(0).sql);
    for (Write<?> write : run) {
      write.binding.bind(statement);
      statement.addBatch();
    }
    int[] counts = statement.executeBatch();
    if (counts.length != run.size()) {
      throw new SQLException(
          "the database answered " + counts.length + " counts for " + run.size() + " writes");
    }
    List<Integer> results = new ArrayList<>(counts.length);
    for (int count : counts) {
      if (count < 0) { // SUCCESS_NO_INFO: a driver rewriting batches would hide refusals
        throw new SQLException("the database did not count a batched write's rows");
      }
      results.add(count);
    }
    return results;
  }

  private void runFollowUps(List<Write<?>> writes, List<Object> results) throws SQLException {
    Map<String, PreparedStatement> batches = new LinkedHashMap<>();
    for (int i = 0; i < writes.size(); i++) {
      for (FollowUp<?> followUp : writes.get(i).followUps) {
        PreparedStatement statement = statement(followUp.sql());
        bind(followUp, statement, results.get(i));
        statement.addBatch();
        batches.put(followUp.sql(), statement);
      }
    }
    for (PreparedStatement statement : batches.values()) {
      statement.executeBatch();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void bind(FollowUp<T> followUp, PreparedStatement statement, Object result)
      throws SQLException {
    followUp.binding().bind(statement, (T) result);
  }

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement statement = prepared.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      prepared.put(sql, statement);
    }
    return statement;
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : prepared.values()) {
      statement.close();
    }
  }
}
