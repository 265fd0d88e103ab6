package org.netlab.phonebook.store;

/**
 * Told of every write of a {@link JdbcStore} once it has committed, with how long it took: the
 * statement and its commit (each write is one auto-committed statement; with SQLite the commit
 * includes the sync to disk), without the wait for SQLite's single writer. The server feeds these
 * into its metrics; the store itself knows no metrics library.
 *
 * <p>Called on the writing thread while it still holds the writer's turn, so it must be quick and
 * must not throw. Failed writes are not reported.
 */
@FunctionalInterface
public interface CommitListener {
  /** Ignores every commit. */
  CommitListener NONE = (store, nanos) -> {};

  /**
   * @param store which part of the store wrote: {@code phonebook}, {@code tokens} or {@code audit}
   * @param nanos how long the write took, in nanoseconds
   */
  void committed(String store, long nanos);
}
