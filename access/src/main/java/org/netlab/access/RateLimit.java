package org.netlab.access;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A number of calls per period, as {@code --rate-limit 1000/1s} gives it, or none. Each key (an
 * identity, an address) gets a token bucket that holds {@code calls} and refills them over {@code
 * period}, so short bursts up to {@code calls} pass.
 *
 * @param calls how many per period; 0 for no limit
 * @param period over how long
 */
public record RateLimit(long calls, Duration period) {
  /** No limit at all. */
  public static final RateLimit NONE = new RateLimit(0, Duration.ofSeconds(1));

  public RateLimit {
    Objects.requireNonNull(period, "period");
    if (calls < 0 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a rate limit needs calls >= 0 and a positive period");
    }
  }

  public boolean unlimited() {
    return calls == 0;
  }

  /**
   * Reads {@code CALLS/PERIOD} ({@code 1000/1s}, {@code 20/1m}), {@code CALLS} (per second) or
   * {@code off}.
   *
   * @throws IllegalArgumentException saying what is expected
   */
  public static RateLimit parse(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    if (value.equals("off") || value.equals("none")) {
      return NONE;
    }
    int slash = value.indexOf('/');
    try {
      long calls = Long.parseLong(slash < 0 ? value : value.substring(0, slash));
      Duration period = slash < 0 ? Duration.ofSeconds(1) : period(value.substring(slash + 1));
      if (calls <= 0) {
        throw new NumberFormatException();
      }
      return new RateLimit(calls, period);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a rate limit; write CALLS/PERIOD such as 1000/1s or 20/1m, or off");
    }
  }

  private static Duration period(String text) {
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      default -> throw new IllegalArgumentException(text);
    };
  }

  @Override
  public String toString() {
    return unlimited()
        ? "off"
        : calls + "/" + period.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
