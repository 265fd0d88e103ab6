package org.netlab.cli;

import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --quiet}, {@code --verbose} and {@code --log-level} for the servers, and the one log line
 * format they share: an ISO-8601 timestamp, the level, the short logger name. slf4j-simple reads
 * these settings when the first logger is made, so {@link #apply()} runs before anything logs, and
 * command classes keep no logger in a static field.
 */
public final class LoggingOptions {
  private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(
      names = {"-q", "--quiet"},
      description = "Log only warnings and errors.")
  private boolean quiet;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log one line per request or connection too (debug).")
  private boolean verbose;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      description = "trace, debug, info, warn or error (default: info).")
  private String level;

  /** The level these options ask for. */
  public String level() {
    int given = (quiet ? 1 : 0) + (verbose ? 1 : 0) + (level != null ? 1 : 0);
    if (given > 1) {
      throw new ParameterException(
          spec.commandLine(), "give only one of --quiet, --verbose and --log-level");
    }
    if (quiet) {
      return "warn";
    }
    if (verbose) {
      return "debug";
    }
    if (level == null) {
      return "info";
    }
    String normalized = level.toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(normalized)) {
      throw new ParameterException(
          spec.commandLine(),
          "--log-level must be one of trace, debug, info, warn, error; not " + level);
    }
    return normalized;
  }

  /** Sets netlab's loggers to {@link #level()} and the shared line format. */
  public void apply() {
    System.setProperty("org.slf4j.simpleLogger.log.org.netlab", level());
    // Libraries stay at info or above even when our own lines are traced.
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", quiet ? "warn" : "info");
    setIfAbsent("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
    setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
