package org.netlab.labs.net;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --line-timeout} option of the line-based TCP servers: how long a line may take to come
 * whole once it has started ({@link LineReader#forSocket}), so that a client trickling bytes cannot
 * hold a connection forever.
 */
public final class LineTimeoutOption {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--line-timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description =
          "TCP: time a line may take to come whole once it has started, however slowly its bytes"
              + " trickle in (default: ${DEFAULT-VALUE}).")
  private int seconds;

  /**
   * @throws ParameterException when the option is less than one second
   */
  public Duration lineTimeout() {
    if (seconds < 1) {
      throw new ParameterException(mixee.commandLine(), "--line-timeout must be at least 1");
    }
    return Duration.ofSeconds(seconds);
  }
}
