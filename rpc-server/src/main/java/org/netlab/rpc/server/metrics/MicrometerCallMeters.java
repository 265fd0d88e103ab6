package org.netlab.rpc.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Call meters in a Micrometer registry: {@code netlab_calls_total} by service, method, protocol and
 * outcome code, {@code netlab_call_duration_seconds} (a histogram) by service, method and protocol,
 * and {@code netlab_calls_in_flight} by protocol.
 *
 * <p>A method's series appear at its first call, so that a scrape lists only what is used (a
 * histogram is twenty series). Each {@link MethodMeter} holds its meters once made: recording a
 * call costs no lookup in the registry, only the counter, the histogram and the in-flight count.
 */
final class MicrometerCallMeters implements CallMeters {
  static final String CALLS = "netlab.calls";
  static final String DURATION = "netlab.call.duration";
  static final String IN_FLIGHT = "netlab.calls.in.flight";

  /** The protocols whose in-flight count is shown from the start, at 0. */
  private static final List<String> PROTOCOLS = List.of("grpc", "connect", XML_RPC);

  private final MeterRegistry registry;

  /**
   * Calls in flight per protocol. An adder, not an atomic integer: the event loops of a loaded
   * server move it at once for every call, and an adder spreads them over cells instead of making
   * them take turns on one cache line (MethodMeterBenchmark: about 650 against 270 ns a call from
   * two threads on this machine).
   */
  private final Map<String, LongAdder> inFlight = new ConcurrentHashMap<>();

  MicrometerCallMeters(MeterRegistry registry) {
    this.registry = registry;
    PROTOCOLS.forEach(this::inFlight);
  }

  @Override
  public MethodMeter method(String protocol, String service, String method) {
    return new Meter(
        Tags.of("service", service, "method", method, "protocol", protocol), inFlight(protocol));
  }

  private LongAdder inFlight(String protocol) {
    return inFlight.computeIfAbsent(
        protocol,
        name -> {
          LongAdder count = new LongAdder();
          Gauge.builder(IN_FLIGHT, count, LongAdder::sum)
              .description("Calls being served, a multicall's inner calls not counted")
              .tag("protocol", name)
              .register(registry);
          return count;
        });
  }

  /** The meters of one method, made at its first call and kept. */
  private final class Meter implements MethodMeter {
    private final Tags tags;
    private final LongAdder inFlight;
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();

    // Made at the first call; a race makes the same meter twice, which the registry answers with
    // the one it has.
    private volatile Timer duration;
    private volatile Counter succeeded;

    Meter(Tags tags, LongAdder inFlight) {
      this.tags = tags;
      this.inFlight = inFlight;
    }

    @Override
    public long started() {
      inFlight.increment();
      return System.nanoTime();
    }

    @Override
    public void finished(long startNanos, String code) {
      inFlight.decrement();
      finishedWithin(startNanos, code);
    }

    @Override
    public void finishedWithin(long startNanos, String code) {
      duration().record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
      counter(code).increment();
    }

    private Timer duration() {
      Timer timer = duration;
      if (timer == null) {
        timer =
            Timer.builder(DURATION)
                .description("How long calls took, from their arrival to their answer")
                .tags(tags)
                .serviceLevelObjectives(ServerMetrics.LATENCY_BUCKETS)
                .register(registry);
        duration = timer;
      }
      return timer;
    }

    private Counter counter(String code) {
      if (MethodMeter.OK.equals(code)) {
        Counter counter = succeeded;
        if (counter == null) {
          counter = calls(code);
          succeeded = counter;
        }
        return counter;
      }
      Counter counter = failures.get(code);
      return counter != null ? counter : failures.computeIfAbsent(code, this::calls);
    }

    private Counter calls(String code) {
      return Counter.builder(CALLS)
          .description("Calls answered, by outcome: OK or the error code")
          .tags(tags)
          .tag("code", code)
          .register(registry);
    }
  }
}
