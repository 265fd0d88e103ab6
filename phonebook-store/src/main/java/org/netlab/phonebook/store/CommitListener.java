package org.netlab.phonebook.store;

/**
 * Told of every write of a {@link JdbcStore} once it has committed, with how long it took: the
 * transaction that committed it, from its first statement to its commit (the sync to disk
 * included), without the wait in the writer's queue. Writes committed together share one
 * transaction, so each is told that transaction's duration. The server feeds these into its
 * metrics; the store itself knows no metrics library.
 *
 * <p>Called on the store's one writer thread before the write's caller is answered, so it must be
 * quick and must not throw. Failed writes are not reported.
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
