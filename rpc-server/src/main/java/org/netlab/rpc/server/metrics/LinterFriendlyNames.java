package org.netlab.rpc.server.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Keeps two of Micrometer's own meters from breaking Prometheus's naming rules, so that {@code
 * promtool check metrics} passes: {@code system.cpu.count}, a gauge whose name ends in {@code
 * _count} as only histograms' may, becomes {@code system_available_processors}; {@code
 * process.cpu.time}, counted in nanoseconds ({@code process_cpu_time_ns_total}), is dropped for
 * {@link ProcessCpuSeconds}.
 */
final class LinterFriendlyNames implements MeterFilter {
  @Override
  public Meter.Id map(Meter.Id id) {
    return id.getName().equals("system.cpu.count")
        ? id.withName("system.available.processors")
        : id;
  }

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    return id.getName().equals("process.cpu.time")
        ? MeterFilterReply.DENY
        : MeterFilterReply.NEUTRAL;
  }
}
