package org.netlab.rpc.client.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
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
 * <p>Callers are virtual threads: they spend their lives blocked on the network, and virtual
 * threads make a thousand callers as cheap as ten, without a pool size to tune or to be the
 * bottleneck itself.
 */
public final class LoadGenerator {
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

  private final LongConsumer call;
  private final LoadPlan plan;
  private final Progress progress;
  private final AtomicLong sequence = new AtomicLong();

  public LoadGenerator(LongConsumer call, LoadPlan plan, Progress progress) {
    this.call = call;
    this.plan = plan;
    this.progress = progress;
  }

  /** Warms up, then measures; blocks until both are over. */
  public Measurement run() throws InterruptedException {
    if (!plan.warmup().isZero()) {
      phase(true, plan.warmup(), 0);
    }
    return phase(false, plan.duration(), plan.calls());
  }

  /** The result of the measuring phase; latencies in nanoseconds, successful calls only. */
  public record Measurement(
      double seconds, long calls, Map<String, Long> errors, Histogram latency) {}

  private Measurement phase(boolean warmingUp, Duration duration, long callLimit)
      throws InterruptedException {
    Recorder recorder = new Recorder(3);
    Histogram total = new Histogram(3);
    Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    LongAdder completed = new LongAdder();
    long start = System.nanoTime();
    long deadline = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
    Caller caller =
        new Caller(start, deadline, callLimit, recorder, errors, completed, new AtomicLong());

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
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < plan.concurrency(); i++) {
        callers.execute(plan.openLoop() ? caller::openLoop : caller::closedLoop);
      }
    } finally {
      ticker.shutdown();
      if (!ticker.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("progress reporter did not stop");
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    tick.run(); // the last partial second, so every phase shows at least once
    Map<String, Long> errorCounts = new TreeMap<>();
    errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
    return new Measurement(seconds, completed.sum(), errorCounts, total);
  }

  private static long sum(Map<String, LongAdder> errors) {
    return errors.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** What every caller of one phase shares. */
  private final class Caller {
    private final long start;
    private final long deadline;
    private final long callLimit;
    private final Recorder recorder;
    private final Map<String, LongAdder> errors;
    private final LongAdder completed;
    private final AtomicLong tickets;

    Caller(
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

    void closedLoop() {
      while (System.nanoTime() < deadline
          && (callLimit == 0 || tickets.getAndIncrement() < callLimit)) {
        callOnce(System.nanoTime());
      }
    }

    /**
     * Takes the next slot of the schedule, waits for its time and makes the call; when every caller
     * is busy the slot's time passes and the wait shows in its latency.
     */
    void openLoop() {
      double interval = 1e9 / plan.rate();
      while (true) {
        long ticket = tickets.getAndIncrement();
        long intended = start + (long) (ticket * interval);
        if (intended >= deadline || (callLimit != 0 && ticket >= callLimit)) {
          return;
        }
        waitUntil(intended);
        callOnce(intended);
      }
    }

    private void callOnce(long startedAt) {
      try {
        call.accept(sequence.getAndIncrement());
        recorder.recordValue(Math.max(0, System.nanoTime() - startedAt));
      } catch (ServiceException e) {
        errors.computeIfAbsent("refused " + e.code(), k -> new LongAdder()).increment();
      } catch (TransportException e) {
        errors.computeIfAbsent(e.kind().toString(), k -> new LongAdder()).increment();
      } catch (RuntimeException e) {
        errors
            .computeIfAbsent("failed " + e.getClass().getSimpleName(), k -> new LongAdder())
            .increment();
      }
      completed.increment();
    }
  }

  private static void waitUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }
}
