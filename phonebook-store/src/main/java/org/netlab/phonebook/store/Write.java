package org.netlab.phonebook.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.netlab.phonebook.store.StoreStatements.StatementWork;

/**
 * A write queued for the {@link GroupCommit} writer, and its caller's wait for the commit.
 *
 * <p>A write is either a work, which runs its statement itself and reads what it needs, or a
 * counted write, which only binds its parameters and answers with its update count: counted writes
 * of one statement that follow each other in a batch go to the database as one JDBC batch, one
 * round trip for all of them on PostgreSQL.
 */
final class Write<T> {
  /** Queued by {@link GroupCommit#close()}: the writer stops after the batch it ends. */
  static final Write<Void> LAST = new Write<>(null, null, null, null, List.of());

  final String part;
  final String sql;
  final StatementWork<T> work;

  /** Null unless the write is counted. */
  final Binding binding;

  final List<FollowUp<T>> followUps;
  final CompletableFuture<T> done = new CompletableFuture<>();

  private Write(
      String part,
      String sql,
      StatementWork<T> work,
      Binding binding,
      List<FollowUp<T>> followUps) {
    this.part = part;
    this.sql = sql;
    this.work = work;
    this.binding = binding;
    this.followUps = followUps;
  }

  /** A write that runs its statement itself. */
  static <T> Write<T> of(
      String part, String sql, StatementWork<T> work, List<FollowUp<T>> followUps) {
    return new Write<>(part, sql, work, null, followUps);
  }

  /** A write that binds its statement and answers with the rows it changed. */
  static Write<Integer> counted(
      String part, String sql, Binding binding, List<FollowUp<Integer>> followUps) {
    StatementWork<Integer> alone =
        statement -> {
          binding.bind(statement);
          return statement.executeUpdate();
        };
    return new Write<>(part, sql, alone, binding, followUps);
  }

  boolean counted() {
    return binding != null;
  }

  /** Answers the caller once the transaction holding the write has committed. */
  @SuppressWarnings("unchecked")
  void committed(Object result, long nanos, CommitListener commits) {
    if (part != null) {
      commits.committed(part, nanos);
    }
    for (FollowUp<T> followUp : followUps) {
      commits.committed(followUp.part(), nanos);
      followUp.onCommit().run();
    }
    done.complete((T) result);
  }

  /** Sets a statement's parameters. */
  @FunctionalInterface
  interface Binding {
    void bind(PreparedStatement statement) throws SQLException;
  }
}
