package org.netlab.rpc.server;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.netlab.domain.phonebook.Entry;
import org.netlab.domain.phonebook.Phonebook;

/**
 * A phonebook whose {@code find} waits at a gate: tests see the call arrive ({@link #awaitEntered})
 * and decide when it may answer ({@link #open}), to hold a call in flight across a deadline or a
 * shutdown. Finds answer a fixed entry; {@code list} answers the entries given, at once (filling
 * the real store with thousands of durable writes would take minutes).
 */
public final class GatedPhonebook implements Phonebook {
  private final Semaphore entered = new Semaphore(0);
  private final CountDownLatch gate = new CountDownLatch(1);
  private final List<Entry> listed;

  public GatedPhonebook() {
    this(List.of());
  }

  public GatedPhonebook(List<Entry> listed) {
    this.listed = List.copyOf(listed);
  }

  public boolean awaitEntered(long timeout, TimeUnit unit) throws InterruptedException {
    return awaitEntered(1, timeout, unit);
  }

  /** Waits until {@code calls} finds in all have arrived at the gate. */
  public boolean awaitEntered(int calls, long timeout, TimeUnit unit) throws InterruptedException {
    if (!entered.tryAcquire(calls, timeout, unit)) {
      return false;
    }
    entered.release(calls);
    return true;
  }

  public void open() {
    gate.countDown();
  }

  @Override
  public Entry find(String name) {
    entered.release();
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at the gate", e);
    }
    return new Entry(name, "+33 1 23 45 67 89");
  }

  @Override
  public Entry add(String name, String number) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Entry update(String name, String number) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long count() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void remove(String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public long removeAll() {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<Entry> list(String namePrefix) {
    return listed;
  }
}
