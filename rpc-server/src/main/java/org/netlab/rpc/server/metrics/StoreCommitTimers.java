package org.netlab.rpc.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.netlab.phonebook.store.CommitListener;

/**
 * The store's commits as {@code netlab_store_commit_seconds}, a histogram by the part of the store
 * that wrote ({@code phonebook}, {@code tokens}, {@code audit}). Those three are shown from the
 * start, at 0, so that a rate is right from the first write.
 */
final class StoreCommitTimers implements CommitListener {
  static final String COMMITS = "netlab.store.commit";

  private static final List<String> PARTS = List.of("phonebook", "tokens", "audit");

  private final MeterRegistry registry;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  StoreCommitTimers(MeterRegistry registry) {
    this.registry = registry;
    PARTS.forEach(this::timer);
  }

  @Override
  public void committed(String store, long nanos) {
    timer(store).record(nanos, TimeUnit.NANOSECONDS);
  }

  private Timer timer(String store) {
    Timer timer = timers.get(store);
    return timer != null ? timer : timers.computeIfAbsent(store, this::register);
  }

  private Timer register(String store) {
    return Timer.builder(COMMITS)
        .description(
            "How long the store's writes took: the transaction that committed each, its sync to"
                + " disk included (writes committed together share one), without the queue")
        .tag("store", store)
        .serviceLevelObjectives(ServerMetrics.LATENCY_BUCKETS)
        .register(registry);
  }
}
