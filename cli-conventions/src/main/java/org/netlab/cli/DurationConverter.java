package org.netlab.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The one duration grammar of every netlab tool: {@code 500ms}, {@code 10s}, {@code 2m}, {@code
 * 1h}, {@code 90d}, or ISO-8601 ({@code PT1M30S}). A bare number is seconds, as curl's {@code
 * --max-time} reads it. Zero and negative durations are refused: every option that takes one is a
 * limit or a wait.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");

  @Override
  public Duration convert(String text) {
    Duration duration = parse(text);
    if (duration.isZero() || duration.isNegative()) {
      throw new CommandLine.TypeConversionException(
          "'" + text + "' is not a positive duration; write for example 500ms, 10s or 2m");
    }
    return duration;
  }

  /** Reads {@code text} in the grammar above, zero included. */
  public static Duration parse(String text) {
    String value = text.strip();
    Matcher simple = SIMPLE.matcher(value);
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      String unit = simple.group(2) == null ? "s" : simple.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        case "d" -> Duration.ofDays(amount);
        default -> Duration.ofSeconds(amount);
      };
    }
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'" + text + "' is not a duration; write for example 500ms, 10s, 2m or PT1M30S");
    }
  }
}
