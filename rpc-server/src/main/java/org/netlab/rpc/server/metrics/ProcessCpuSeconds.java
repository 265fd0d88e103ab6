package org.netlab.rpc.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The CPU time the process has used, as {@code process_cpu_seconds_total}: the name every
 * Prometheus client library gives it, so that {@code rate(process_cpu_seconds_total[1m])} reads as
 * cores in use. Shown only where the JVM measures it.
 */
final class ProcessCpuSeconds implements MeterBinder {
  private static final double NANOS_PER_SECOND = 1e9;

  @Override
  public void bindTo(MeterRegistry registry) {
    OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
    if (system instanceof com.sun.management.OperatingSystemMXBean process
        && process.getProcessCpuTime() >= 0) {
      FunctionCounter.builder(
              "process.cpu", process, measured -> measured.getProcessCpuTime() / NANOS_PER_SECOND)
          .baseUnit("seconds")
          .description("CPU time used by the server's process, all threads")
          .register(registry);
    }
  }
}
