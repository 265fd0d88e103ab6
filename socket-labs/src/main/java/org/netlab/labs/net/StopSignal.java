package org.netlab.labs.net;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a server command that serves until stopped: {@code call()} waits in {@link
 * #awaitStopRequest()}, closes its server and then calls {@link #finished()}; {@link #stop}, from
 * {@code main}'s shutdown hook or a test, asks for that and waits a bounded time for it, so the JVM
 * does not exit with connections half closed.
 */
public final class StopSignal {
  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean serving;

  /** Blocks the serving thread until {@link #stop} is called. */
  public void awaitStopRequest() throws InterruptedException {
    serving = true;
    requested.await();
  }

  /** The serving thread has released its server (call it in a {@code finally}). */
  public void finished() {
    finished.countDown();
  }

  /**
   * Asks the serving thread to stop and waits up to {@code bound} until it has finished; returns at
   * once when nothing is serving yet.
   */
  public void stop(Duration bound) {
    requested.countDown();
    if (!serving) {
      return;
    }
    try {
      finished.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
