package org.netlab.phonebook.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
   * Runs the write in the next transaction and returns what it returned, once that transaction has
   * committed. Blocks until then.
   *
   * @throws SQLException when the database failed the write or its commit, or this is closed
   */
  <T> T write(Write<T> write) throws SQLException {
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
    connection.setAutoCommit(false);
    try (BatchStatements statements = new BatchStatements(connection)) {
      List<Object> results;
      try {
        results = statements.run(writes);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        if (writes.size() > 1) {
          return false;
        }
        writes.get(0).done.completeExceptionally(e);
        return true;
      }
      connection.commit();
      long nanos = System.nanoTime() - start;
      for (int i = 0; i < writes.size(); i++) {
        writes.get(i).committed(results.get(i), nanos, database.commits());
      }
      return true;
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
