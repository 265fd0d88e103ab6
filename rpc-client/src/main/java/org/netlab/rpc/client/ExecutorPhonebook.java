package org.netlab.rpc.client;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.netlab.domain.phonebook.Entry;
import org.netlab.domain.phonebook.Phonebook;

/** An {@link AsyncPhonebook} whose calls are the blocking ones, each run by an executor. */
final class ExecutorPhonebook implements AsyncPhonebook {
  private final Phonebook phonebook;
  private final Executor executor;

  ExecutorPhonebook(Phonebook phonebook, Executor executor) {
    this.phonebook = Objects.requireNonNull(phonebook, "phonebook");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public CompletableFuture<Entry> add(String name, String number) {
    return supply(() -> phonebook.add(name, number));
  }

  @Override
  public CompletableFuture<Entry> update(String name, String number) {
    return supply(() -> phonebook.update(name, number));
  }

  @Override
  public CompletableFuture<Entry> find(String name) {
    return supply(() -> phonebook.find(name));
  }

  @Override
  public CompletableFuture<Long> count() {
    return supply(phonebook::count);
  }

  @Override
  public CompletableFuture<Void> remove(String name) {
    return supply(
        () -> {
          phonebook.remove(name);
          return null;
        });
  }

  @Override
  public CompletableFuture<Long> removeAll() {
    return supply(phonebook::removeAll);
  }

  @Override
  public CompletableFuture<List<Entry>> list(String namePrefix) {
    return supply(() -> phonebook.list(namePrefix));
  }

  private <T> CompletableFuture<T> supply(Supplier<T> blockingCall) {
    return CompletableFuture.supplyAsync(blockingCall, executor);
  }
}
