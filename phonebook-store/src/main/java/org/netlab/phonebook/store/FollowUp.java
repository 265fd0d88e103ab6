package org.netlab.phonebook.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A second statement of a write, run in its transaction: the audit event of the call that wrote, so
 * that one commit makes both durable. The follow-ups of a batch go to the database as one JDBC
 * batch per statement, after the batch's writes.
 *
 * @param part how the {@link CommitListener} is told who wrote
 * @param binding sets the statement's parameters, given what the write returned
 * @param onCommit run once the transaction has committed
 */
record FollowUp<T>(String part, String sql, Binding<T> binding, Runnable onCommit) {
  /** Sets the follow-up's parameters from the result of the write it follows. */
  @FunctionalInterface
  interface Binding<T> {
    void bind(PreparedStatement statement, T result) throws SQLException;
  }
}
