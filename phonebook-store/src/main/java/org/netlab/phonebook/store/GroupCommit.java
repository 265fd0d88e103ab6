package org.netlab.phonebook.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.netlab.phonebook.store.StoreStatements.StatementWork;

/**
 * The database's one writer: it gathers the writes that callers queue while it is busy into one
 * transaction with one commit, so that a sync to disk (SQLite's {@code fsync}, PostgreSQL's WAL
 * flush) serves many writes instead of one each.
 *
 * <p>Each caller blocks until the transaction holding its write has committed, so a write is
 * durable when {@link #write} returns, as it was with a transaction per write. The writer never
 * waits for a batch to fill: it takes whatever is queued, commits it, and starts again, so a lone
 * caller is served at once.
 *
 * <p>A write that fails (an exception from its work) must not fail the others in its batch: the
 * batch is rolled back and each of its writes is run again in a transaction of its own, so only the
 * failing one fails. A refusal such as a name already taken is not a failure here: the work answers
 * it (no row inserted), and the batch commits. When the commit itself fails, every write of the
 * batch fails: whether it reached the disk is unknown, and running it again could apply it twice.
 */
final class GroupCommit implements AutoCloseable {
  /** How many writes one transaction takes at most, so that one commit stays short. */
  static final int MAX_BATCH = 512;

  private static final long CLOSE_WAIT_SECONDS = 10;

  private final Database database;
  private final LinkedBlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private boolean closed; // guarded by queue

  /** Starts the writer thread. */
  GroupCommit(Database database) {
    this.database = database;
    this.writer = Thread.ofPlatform().name("phonebook-writer").daemon().start(this::writeBatches);
  }

  /**
   * Runs {@code sql} with {@code work} in the next transaction and returns what the work returned,
   * once that transaction has committed. Blocks until then.
   *
   * @param part how the {@link CommitListener} is told who wrote; null: it is not told
   * @param followUp a second statement run in the same transaction, given what the work returned;
   *     null: none
   * @throws SQLException when the database failed the write or its commit, or this is closed
   */
  <T> T write(String part, String sql, StatementWork<T> work, FollowUp<T> followUp)
      throws SQLException {
    Write<T> write = new Write<>(part, sql, work, followUp);
    synchronized (queue) {
      if (closed) {
        throw new SQLException("the store is closed");
      }
      queue.add(write);
    }
    try {
      return write.done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof SQLException failed) {
        throw new SQLException(failed.getMessage(), failed.getSQLState(), failed);
      }
      if (e.getCause() instanceof RuntimeException failed) {
        throw failed;
      }
      throw e;
    }
  }

  /** How many writes wait for the writer's next transaction. */
  int queued() {
    return queue.size();
  }

  /** Commits what was queued before, then stops the writer. Safe to repeat. */
  @Override
  public void close() {
    synchronized (queue) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(Write.LAST);
    }
    try {
      writer.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeBatches() {
    List<Write<?>> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return; // only close() stops the writer, by queueing LAST; nobody interrupts it
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean last = batch.remove(Write.LAST);
      commit(batch);
      batch.clear();
      if (last) {
        return;
      }
    }
  }

  /** Commits the batch in one transaction, or each write alone when one of them fails. */
  private void commit(List<Write<?>> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try (Connection connection = database.connection()) {
      if (batch.size() > 1 && commitTogether(connection, batch)) {
        return;
      }
      for (Write<?> write : batch) {
        commitTogether(connection, List.of(write));
      }
    } catch (SQLException | RuntimeException e) {
      batch.forEach(write -> write.done.completeExceptionally(e));
    }
  }

  /**
   * Runs the writes in one transaction and commits it. Returns false, having rolled back and
   * answered nobody, when a write of several failed; a lone write's failure is its answer.
   *
   * @throws SQLException when the transaction cannot begin or commit: every write fails with it
   */
  private boolean commitTogether(Connection connection, List<Write<?>> writes) throws SQLException {
    long start = System.nanoTime();
    Map<String, PreparedStatement> statements = new HashMap<>();
    connection.setAutoCommit(false);
    try {
      List<Object> results = new ArrayList<>(writes.size());
      for (Write<?> write : writes) {
        try {
          results.add(write.run(sql -> prepared(connection, statements, sql)));
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          if (writes.size() > 1) {
            return false;
          }
          write.done.completeExceptionally(e);
          return true;
        }
      }
      connection.commit();
      long nanos = System.nanoTime() - start;
      for (int i = 0; i < writes.size(); i++) {
        writes.get(i).committed(results.get(i), nanos, database.commits());
      }
      return true;
    } finally {
      for (PreparedStatement statement : statements.values()) {
        statement.close();
      }
      connection.setAutoCommit(true);
    }
  }

  /** The batch's statement for {@code sql}, prepared on its first use in the transaction. */
  private static PreparedStatement prepared(
      Connection connection, Map<String, PreparedStatement> statements, String sql)
      throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  /**
   * A second statement of a write, run in its transaction after the first: the audit event of the
   * call that wrote, so that one commit makes both durable.
   *
   * @param part how the {@link CommitListener} is told who wrote
   * @param work binds and runs the statement, given what the write's work returned
   * @param onCommit run once the transaction has committed
   */
  record FollowUp<T>(String part, String sql, FollowUpWork<T> work, Runnable onCommit) {}

  /** What a {@link FollowUp} does with its statement and the result of the write it follows. */
  @FunctionalInterface
  interface FollowUpWork<T> {
    void run(PreparedStatement statement, T result) throws SQLException;
  }

  /** Where a write finds the transaction's prepared statements. */
  @FunctionalInterface
  private interface Statements {
    PreparedStatement of(String sql) throws SQLException;
  }

  /** A queued write and the caller's wait for its commit. */
  private static final class Write<T> {
    /** Queued by {@link #close()}: the writer stops after the batch it ends. */
    static final Write<Void> LAST = new Write<>(null, null, null, null);

    final String part;
    final String sql;
    final StatementWork<T> work;
    final FollowUp<T> followUp;
    final CompletableFuture<T> done = new CompletableFuture<>();

    Write(String part, String sql, StatementWork<T> work, FollowUp<T> followUp) {
      this.part = part;
      this.sql = sql;
      this.work = work;
      this.followUp = followUp;
    }

    /** Runs the write's statement, then its follow-up's; returns what the first returned. */
    T run(Statements statements) throws SQLException {
      T result = work.run(statements.of(sql));
      if (followUp != null) {
        followUp.work().run(statements.of(followUp.sql()), result);
      }
      return result;
    }

    @SuppressWarnings("unchecked")
    void committed(Object result, long nanos, CommitListener commits) {
      if (part != null) {
        commits.committed(part, nanos);
      }
      if (followUp != null) {
        commits.committed(followUp.part(), nanos);
        followUp.onCommit().run();
      }
      done.complete((T) result);
    }
  }
}
