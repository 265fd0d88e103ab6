package org.netlab.rpc.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.netlab.phonebook.store.CommitListener;

/**
 * The server's metrics, in one Prometheus registry: its calls ({@link #calls()}), its store's
 * commits ({@link #storeCommits()}), its open connections ({@link #countOpenConnections}), and the
 * JVM's own (memory, garbage collection, threads, classes, CPU, uptime, open files). {@link
 * MetricsRoute} serves them. Closing stops the JVM meters that listen for events; call it once the
 * server has stopped.
 */
public final class ServerMetrics implements AutoCloseable {
  /**
   * The histogram buckets of every latency: from a calculator call answered on the event loop
   * (about 0.1 ms) to a store write queued behind many others (seconds); sixteen buckets keep a
   * method's histogram to twenty series.
   */
  static final Duration[] LATENCY_BUCKETS = {
    Duration.ofNanos(100_000),
    Duration.ofNanos(250_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofNanos(2_500_000),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2_500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  static final String OPEN_CONNECTIONS = "netlab.open.connections";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics garbageCollection = new JvmGcMetrics();
  private final CallMeters calls;
  private final CommitListener storeCommits;

  public ServerMetrics() {
    registry.config().meterFilter(new LinterFriendlyNames());
    new JvmInfoMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    garbageCollection.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new ProcessCpuSeconds().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    calls = new MicrometerCallMeters(registry);
    storeCommits = new StoreCommitTimers(registry);
  }

  /** The meters of every call, for the gRPC and XML-RPC adapters. */
  public CallMeters calls() {
    return calls;
  }

  /** What the store tells of each committed write, for {@code JdbcStore.open}. */
  public CommitListener storeCommits() {
    return storeCommits;
  }

  /**
   * Shows {@code count} as {@code netlab_open_connections{port="PORT"}}, read at each scrape.
   *
   * @param port which listening port: {@code grpc} or {@code xmlrpc}, as the options name them
   */
  public void countOpenConnections(String port, IntSupplier count) {
    Gauge.builder(OPEN_CONNECTIONS, count::getAsInt)
        .description("Connections open on the port, from their readiness (gRPC) or accept (HTTP)")
        .tag("port", port)
        .register(registry);
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    garbageCollection.close();
    registry.close();
  }
}
