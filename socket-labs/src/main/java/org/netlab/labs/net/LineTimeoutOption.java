package org.netlab.labs.net;

import java.time.Duration;
import org.netlab.cli.DurationConverter;
import picocli.CommandLine.Option;

/**
 * The {@code --line-timeout} option of the line-based TCP servers: how long a line may take to come
 * whole once it has started ({@link LineReader#forSocket}), so that a client trickling bytes cannot
 * hold a connection forever.
 */
public final class LineTimeoutOption {
  @Option(
      names = "--line-timeout",
      defaultValue = "30s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = {
        "TCP: time a line may take to come whole once it has started,",
        "however slowly its bytes trickle in (default: ${DEFAULT-VALUE})."
      })
  private Duration lineTimeout;

  public Duration lineTimeout() {
    return lineTimeout;
  }
}
