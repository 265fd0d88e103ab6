package org.netlab.cli;

import java.time.Duration;
import java.util.Locale;

/** Durations written back the way {@link DurationConverter} reads them, for messages and help. */
public final class Durations {
  private Durations() {}

  /** {@code 250ms}, {@code 10s}, {@code 1.500s}, {@code 2m}, {@code 90m}. */
  public static String text(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return String.format(Locale.ROOT, "%.3fs", millis / 1000.0);
  }
}
