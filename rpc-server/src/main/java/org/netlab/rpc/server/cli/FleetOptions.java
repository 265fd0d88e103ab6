package org.netlab.rpc.server.cli;

import java.time.Duration;
import org.netlab.cli.DurationConverter;
import org.netlab.rpc.contract.ServedBy;
import org.netlab.rpc.server.ServerName;
import org.netlab.rpc.server.grpc.GrpcEndpointSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How the server behaves as one of several behind a balancer or a client's list: the name its
 * answers carry, how long it announces its drain before stopping, and how long a gRPC connection
 * lives before clients are asked to reconnect.
 */
final class FleetOptions {
  static final Duration DEFAULT_DRAIN_DELAY = Duration.ofSeconds(2);

  @Option(
      names = "--served-by",
      paramLabel = "NAME",
      description = {
        "The name every answer carries (gRPC trailer and HTTP header x-served-by)",
        "(default: HOST-PID)."
      })
  String servedBy;

  @Option(
      names = "--drain-delay",
      paramLabel = "DURATION",
      converter = NonNegativeDuration.class,
      description = {
        "On SIGTERM, how long health says NOT_SERVING and answers say Connection: close",
        "before the server stops accepting; skipped when no client is connected; 0 for none",
        "(default: 2s)."
      })
  Duration drainDelay = DEFAULT_DRAIN_DELAY;

  @Option(
      names = "--max-connection-age",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = {
        "Ask gRPC clients to reconnect (GOAWAY) after this long, so that they spread",
        "over servers added since; calls open then may finish within 1 minute (default: 5m)."
      })
  Duration maxConnectionAge = GrpcEndpointSettings.DEFAULT_MAX_CONNECTION_AGE;

  /** The name answers carry, checked. */
  String servedBy() {
    return servedBy == null ? ServerName.ofProcess() : ServedBy.checked(servedBy);
  }

  /** Durations of zero or more, in the grammar of {@link DurationConverter}. */
  static final class NonNegativeDuration implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
      Duration duration;
      try {
        duration = DurationConverter.parse(text);
      } catch (RuntimeException e) {
        duration = Duration.ofSeconds(-1);
      }
      if (duration.isNegative()) {
        throw new CommandLine.TypeConversionException(
            "'" + text + "' is not a duration; write for example 0, 500ms or 2s");
      }
      return duration;
    }
  }
}
