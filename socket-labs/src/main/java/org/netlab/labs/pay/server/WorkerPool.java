package org.netlab.labs.pay.server;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.netlab.labs.pay.PayReply;
import org.netlab.labs.pay.PayStatus;

/**
 * The server's bounded pool: a fixed number of worker threads run requests (signature checks,
 * ledger transactions) taken from a bounded queue. Connections only read and write lines; when
 * every worker is busy and the queue is full, a request is answered {@code 421 BUSY} at once
 * instead of waiting without bound.
 */
final class WorkerPool implements AutoCloseable {
  private final ThreadPoolExecutor executor;

  WorkerPool(int workers, int queue) {
    if (workers < 1 || queue < 1) {
      throw new IllegalArgumentException("a pool needs a worker and a queue slot at least");
    }
    AtomicInteger count = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            workers,
            workers,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queue),
            task ->
                Thread.ofPlatform()
                    .name("pay-worker-" + count.incrementAndGet())
                    .daemon()
                    .unstarted(task),
            new ThreadPoolExecutor.AbortPolicy());
    executor.prestartAllCoreThreads();
  }

  /** Runs {@code request} on a worker and waits for its reply; BUSY when the queue is full. */
  PayReply run(Callable<PayReply> request) throws InterruptedException {
    Future<PayReply> reply;
    try {
      reply = executor.submit(request);
    } catch (RejectedExecutionException e) {
      return PayReply.of(PayStatus.BUSY, "every worker is busy and the queue is full: try again");
    }
    try {
      return reply.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a request failed in its worker", e.getCause());
    }
  }

  /** Requests waiting for a worker now. */
  int queued() {
    return executor.getQueue().size();
  }

  /** Lets queued requests finish, for a bounded time. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
