package org.netlab.rpc.fleet;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.RpcConnection;

/**
 * Callers that each add a phonebook entry of a name of their own, find it and make a calculator
 * call, over and over through one connection, until closed; what they sent, what was acknowledged
 * and every failed call are recorded. Each caller pauses briefly between rounds. The phonebook
 * names start with the given prefix.
 */
final class SteadyLoad implements AutoCloseable {
  private static final long PAUSE_MILLIS = 20;

  private final Set<String> sent = ConcurrentHashMap.newKeySet();
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final Map<String, String> failures = new ConcurrentHashMap<>();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final ExecutorService callers;

  SteadyLoad(RpcConnection connection, String prefix, int callerCount) {
    callers = Executors.newFixedThreadPool(callerCount);
    for (int c = 0; c < callerCount; c++) {
      String callerPrefix = prefix + c + "-";
      callers.execute(() -> call(connection, callerPrefix));
    }
  }

  private void call(RpcConnection connection, String prefix) {
    for (int i = 0; !stop.get(); i++) {
      String name = prefix + i;
      String step = "add " + name;
      try {
        sent.add(name);
        connection.phonebook().add(name, "555-0100");
        acknowledged.add(name);
        answered.incrementAndGet();
        step = "find " + name;
        connection.phonebook().find(name);
        answered.incrementAndGet();
        step = "calculator add";
        connection.calculator().add(i, 1);
        answered.incrementAndGet();
      } catch (RuntimeException e) {
        failures.put(step, describe(e));
      }
      pause();
    }
  }

  /**
   * A steady load, not a flood: on a machine of two cores, callers at full speed would starve the
   * servers being restarted of the CPU their start needs.
   */
  private void pause() {
    try {
      Thread.sleep(PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop.set(true);
    }
  }

  /**
   * Waits until {@code done} holds, at most {@code bound}.
   *
   * @throws IllegalStateException naming {@code what} when it does not
   */
  void await(BooleanSupplier done, Duration bound, String what) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not within " + bound + ": " + what);
      }
      Thread.sleep(20);
    }
  }

  /** Calls answered so far. */
  long answered() {
    return answered.get();
  }

  /** Names whose add was acknowledged. */
  Set<String> acknowledged() {
    return new TreeSet<>(acknowledged);
  }

  /** Names an add was sent for, acknowledged or not. */
  Set<String> sent() {
    return new TreeSet<>(sent);
  }

  /** Each failed call (its step: "add NAME", "find NAME", "calculator add") and why it failed. */
  Map<String, String> failures() {
    return new TreeMap<>(failures);
  }

  /** Stops the callers after their current call and waits for them (bounded). */
  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    callers.shutdown();
    if (!callers.awaitTermination(30, TimeUnit.SECONDS)) {
      callers.shutdownNow();
    }
  }

  private static String describe(RuntimeException e) {
    return e instanceof ServiceException refused
        ? refused.code() + ": " + refused.getMessage()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
