package org.netlab.rpc.server.cli;

import java.util.Locale;
import java.util.Set;

/**
 * Configures slf4j-simple through its system properties. They are read when the first logger is
 * made, so this runs before anything logs.
 */
final class LogLevel {
  private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");

  private LogLevel() {}

  static void apply(String level) {
    String normalized = level.toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(normalized)) {
      throw new IllegalArgumentException(
          "--log-level must be one of trace, debug, info, warn, error; not " + level);
    }
    System.setProperty("org.slf4j.simpleLogger.log.org.netlab", normalized);
    // Library chatter stays at info or above even when our calls are traced.
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "info");
    setIfAbsent("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
    setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
