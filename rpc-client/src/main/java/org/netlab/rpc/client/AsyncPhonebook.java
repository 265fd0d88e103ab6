package org.netlab.rpc.client;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.netlab.domain.phonebook.Entry;
import org.netlab.domain.phonebook.Phonebook;

/**
 * The {@link org.netlab.domain.phonebook.Phonebook}'s asynchronous twin, with the same answers and
 * refusals, and the threading rules of {@link AsyncCalculator}. Thread-safe.
 */
public interface AsyncPhonebook {
  CompletableFuture<Entry> add(String name, String number);

  CompletableFuture<Entry> update(String name, String number);

  CompletableFuture<Entry> find(String name);

  CompletableFuture<Long> count();

  CompletableFuture<Void> remove(String name);

  CompletableFuture<Long> removeAll();

  /** Every entry whose name starts with {@code namePrefix} (all when null), once all arrived. */
  CompletableFuture<List<Entry>> list(String namePrefix);

  /** The asynchronous face of a blocking phonebook, as {@link AsyncCalculator#over}. */
  static AsyncPhonebook over(Phonebook phonebook, Executor executor) {
    return new ExecutorPhonebook(phonebook, executor);
  }
}
