package org.netlab.rpc.client.cli;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them on the command line, for messages and reports. */
final class Durations {
  private Durations() {}

  /** {@code 250ms}, {@code 10s}, {@code 1.5s}, {@code 2m}, {@code 90m}. */
  static String text(Duration duration) {
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
