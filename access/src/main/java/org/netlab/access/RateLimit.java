package org.netlab.access;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of calls per period, as {@code --rate-limit 1000/1s} gives it, or none. Each key (an
 * identity, an address) gets a token bucket that holds {@code calls} and refills them over {@code
 * period}, so short bursts up to {@code calls} pass.
 *
 * @param calls how many per period; 0 for no limit
 * @param period over how long
 */
public record RateLimit(long calls, Duration period) {
  private static final Pattern SYNTAX = Pattern.compile("(\\d{1,18})(?:/(\\d{1,9})(ms|s|m|h))?");

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
    Matcher matcher = SYNTAX.matcher(value);
    if (matcher.matches()) {
      try {
        long calls = Long.parseLong(matcher.group(1));
        long amount = matcher.group(2) == null ? 1 : Long.parseLong(matcher.group(2));
        Duration period =
            switch (matcher.group(3) == null ? "s" : matcher.group(3)) {
              case "ms" -> Duration.ofMillis(amount);
              case "m" -> Duration.ofMinutes(amount);
              case "h" -> Duration.ofHours(amount);
              default -> Duration.ofSeconds(amount);
            };
        if (calls > 0 && !period.isZero()) {
          return new RateLimit(calls, period);
        }
      } catch (NumberFormatException | ArithmeticException tooLarge) {
        // refused below
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a rate limit; write CALLS/PERIOD such as 1000/1s or 20/1m, or off");
  }

  @Override
  public String toString() {
    return unlimited()
        ? "off"
        : calls + "/" + period.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
