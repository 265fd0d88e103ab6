package org.netlab.rpc.client.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.TransportException;

/**
 * Makes calls from many callers and measures their latency.
 *
 * <p>Closed loop: each caller starts its next call when the previous one has answered, and latency
 * is the call's own time. Open loop: calls are scheduled at a fixed rate and latency runs from the
 * time a call <em>should</em> have started, so a server that stalls is charged for the calls that
 * queued behind the stall (no coordinated omission).
 *
 * <p>Two ways to run the callers. {@link Api#BLOCKING}: each caller is a virtual thread that waits
 * for its answer, which makes a thousand callers as cheap as ten. {@link Api#ASYNC}: a caller is a
 * chain of calls, the next one started by the answer of the one before, on whichever thread
 * delivered it; no thread waits and no answer is handed to another thread, as h2load keeps a fixed
 * number of streams in flight.
 */
public final class LoadGenerator {
  /** How the callers wait for their answers. */
  public enum Api {
    BLOCKING,
    ASYNC
  }

  /**
   * Starts one call. The future completes when the call answered, exceptionally when it failed; a
   * blocking call returns a completed future, or throws.
   */
  @FunctionalInterface
  public interface Call {
    CompletableFuture<?> start(int caller, long sequence);
  }

  /** Told about each second of each phase and about its end, for a live progress line. */
  public interface Progress {
    void tick(Snapshot snapshot);
  }

  /** The phase so far, and the latencies of the last {@code intervalSeconds}. */
  public record Snapshot(
      boolean warmingUp,
      double seconds,
      long calls,
      long errors,
      Histogram interval,
      double intervalSeconds) {}

  private static final Duration TICK = Duration.ofSeconds(1);

  private final Call call;
  private final LoadPlan plan;
  private final Api api;
  private final Progress progress;
  private final AtomicLong sequence = new AtomicLong();

  public LoadGenerator(Call call, LoadPlan plan, Api api, Progress progress) {
    this.call = call;
    this.plan = plan;
    this.api = api;
    this.progress = progress;
  }

  /** Warms up, then measures; blocks until both are over. */
  public Measurement run() throws InterruptedException {
    Measurement warmup = null;
    if (!plan.warmup().isZero()) {
      warmup = phase(true, plan.warmup(), 0);
    }
    Measurement measured = phase(false, plan.duration(), plan.calls());
    return warmup == null
        ? measured
        : measured.afterWarmup(warmup.calls(), sum(warmup.errors().values()));
  }

  /**
   * The result of the measuring phase; latencies in nanoseconds, successful calls only.
   *
   * @param cpuCores the CPU this process used during the phase, in cores (CPU seconds per second),
   *     or -1 when the JVM cannot tell
   * @param warmupCalls the calls the warm-up made before, errors included: they changed the server
   *     too (a phonebook.add's entries), so whoever counts what the server holds needs them
   * @param warmupErrors how many of those failed
   */
  public record Measurement(
      double seconds,
      long calls,
      Map<String, Long> errors,
      Histogram latency,
      double cpuCores,
      long warmupCalls,
      long warmupErrors) {
    Measurement afterWarmup(long calls, long errors) {
      return new Measurement(seconds, this.calls, this.errors, latency, cpuCores, calls, errors);
    }
  }

  private Measurement phase(boolean warmingUp, Duration duration, long callLimit)
      throws InterruptedException {
    Recorder recorder = new Recorder(3);
    Histogram total = new Histogram(3);
    Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    LongAdder completed = new LongAdder();
    long cpuAtStart = processCpuNanos();
    long start = System.nanoTime();
    long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
    Phase phase =
        new Phase(start, deadline, callLimit, recorder, errors, completed, new AtomicLong());

    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("bench-progress").unstarted(r));
    AtomicLong previousTick = new AtomicLong(start);
    Runnable tick =
        () -> {
          long now = System.nanoTime();
          Histogram interval = recorder.getIntervalHistogram();
          total.add(interval);
          progress.tick(
              new Snapshot(
                  warmingUp,
                  (now - start) / 1e9,
                  completed.sum(),
                  sum(errors),
                  interval,
                  (now - previousTick.getAndSet(now)) / 1e9));
        };
    ticker.scheduleAtFixedRate(tick, TICK.toNanos(), TICK.toNanos(), TimeUnit.NANOSECONDS);
    try {
      switch (api) {
        case BLOCKING -> phase.onVirtualThreads();
        case ASYNC -> {
          if (plan.openLoop()) {
            phase.scheduleAsync();
          } else {
            phase.chainAsync();
          }
        }
      }
    } finally {
      ticker.shutdown();
      if (!ticker.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("progress reporter did not stop");
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long cpuAtEnd = processCpuNanos();
    double cpuCores = cpuAtStart < 0 || cpuAtEnd < 0 ? -1 : (cpuAtEnd - cpuAtStart) / 1e9 / seconds;
    tick.run(); // the last partial second, so every phase shows at least once
    Map<String, Long> errorCounts = new TreeMap<>();
    errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
    return new Measurement(seconds, completed.sum(), errorCounts, total, cpuCores, 0, 0);
  }

  /** CPU time of the whole process so far, or -1 when the JVM cannot tell. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  private static long sum(Map<String, LongAdder> errors) {
    return errors.values().stream().mapToLong(LongAdder::sum).sum();
  }

  private static long sum(Collection<Long> counts) {
    return counts.stream().mapToLong(Long::longValue).sum();
  }

  /** One phase: its callers and what they share. */
  private final class Phase {
    private final long start;
    private final long deadline;
    private final long callLimit;
    private final Recorder recorder;
    private final Map<String, LongAdder> errors;
    private final LongAdder completed;
    private final AtomicLong tickets;

    Phase(
        long start,
        long deadline,
        long callLimit,
        Recorder recorder,
        Map<String, LongAdder> errors,
        LongAdder completed,
        AtomicLong tickets) {
      this.start = start;
      this.deadline = deadline;
      this.callLimit = callLimit;
      this.recorder = recorder;
      this.errors = errors;
      this.completed = completed;
      this.tickets = tickets;
    }

    void onVirtualThreads() {
      try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < plan.concurrency(); i++) {
          int index = i;
          callers.execute(
              () -> {
                if (plan.openLoop()) {
                  openLoop(index);
                } else {
                  closedLoop(index);
                }
              });
        }
      }
    }

    private void closedLoop(int index) {
      while (takeTicket()) {
        long startedAt = System.nanoTime();
        settle(callNow(index), startedAt);
      }
    }

    /**
     * Takes the next slot of the schedule, waits for its time and makes the call; when every caller
     * is busy the slot's time passes and the wait shows in its latency.
     */
    private void openLoop(int index) {
      long ticket;
      while ((ticket = scheduledTicket()) >= 0) {
        long intended = intendedStart(ticket);
        waitUntil(intended);
        settle(callNow(index), intended);
      }
    }

    /** Closed loop without threads: each caller's answer starts its next call. */
    void chainAsync() throws InterruptedException {
      CountDownLatch finished = new CountDownLatch(plan.concurrency());
      for (int i = 0; i < plan.concurrency(); i++) {
        continueChain(i, finished);
      }
      finished.await();
    }

    /**
     * Starts calls for caller {@code index} until one is in flight; its answer continues the chain.
     * Answers that are already there when the call returns continue here, not one level deeper.
     */
    private void continueChain(int index, CountDownLatch finished) {
      while (takeTicket()) {
        long startedAt = System.nanoTime();
        CompletableFuture<?> answer = callNow(index);
        if (answer.isDone()) {
          settle(answer, startedAt);
          continue;
        }
        answer.whenComplete(
            (value, failure) -> {
              settle(failure, startedAt);
              continueChain(index, finished);
            });
        return;
      }
      finished.countDown();
    }

    /** Open loop without threads: one scheduler starts calls on time while a caller is free. */
    void scheduleAsync() throws InterruptedException {
      Semaphore free = new Semaphore(plan.concurrency());
      long ticket;
      while ((ticket = scheduledTicket()) >= 0) {
        long intended = intendedStart(ticket);
        waitUntil(intended);
        free.acquire();
        callNow((int) (ticket % plan.concurrency()))
            .whenComplete(
                (value, failure) -> {
                  settle(failure, intended);
                  free.release();
                });
      }
      free.acquire(plan.concurrency());
    }

    private boolean takeTicket() {
      return System.nanoTime() < deadline
          && (callLimit == 0 || tickets.getAndIncrement() < callLimit);
    }

    /** The next slot of the open-loop schedule, or -1 when the phase is over. */
    private long scheduledTicket() {
      long ticket = tickets.getAndIncrement();
      long intended = intendedStart(ticket);
      return intended >= deadline || (callLimit != 0 && ticket >= callLimit) ? -1 : ticket;
    }

    private long intendedStart(long ticket) {
      return start + (long) (ticket * (1e9 / plan.rate()));
    }

    /** Starts a call; one that throws instead is a failed future, counted like any other. */
    private CompletableFuture<?> callNow(int index) {
      try {
        return call.start(index, sequence.getAndIncrement());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    /** Counts a finished call: its latency when it succeeded, its kind of error when not. */
    private void settle(CompletableFuture<?> answer, long startedAt) {
      Throwable failure = null;
      try {
        answer.join();
      } catch (CompletionException | CancellationException e) {
        failure = e;
      }
      settle(failure, startedAt);
    }

    private void settle(Throwable failure, long startedAt) {
      if (failure == null) {
        recorder.recordValue(Math.max(0, System.nanoTime() - startedAt));
      } else {
        errors.computeIfAbsent(kind(failure), k -> new LongAdder()).increment();
      }
      completed.increment();
    }
  }

  /** How {@code bench} reports a failure: the refusal's code, the transport's kind or the class. */
  private static String kind(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return switch (cause) {
      case WrongAnswer wrong -> "wrong answer";
      case ServiceException refusal -> "refused " + refusal.code();
      case TransportException transport -> transport.kind().toString();
      default -> "failed " + cause.getClass().getSimpleName();
    };
  }

  private static void waitUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }
}
