package org.netlab.labs.finger;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads the timeouts of the finger commands ({@code --timeout}, {@code --idle-timeout}, {@code
 * --forward-timeout}): {@code 500ms}, {@code 10s}, {@code 2m}, or seconds, and never zero.
 */
final class TimeoutConverter implements ITypeConverter<Duration> {
  private static final Pattern FORMAT = Pattern.compile("([0-9]{1,9})(ms|s|m)?");

  @Override
  public Duration convert(String value) {
    Matcher matcher = FORMAT.matcher(value.strip());
    if (!matcher.matches()) {
      throw new TypeConversionException("'" + value + "' is not a duration like 500ms, 10s or 2m");
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    Duration duration =
        switch (unit) {
          case "ms" -> Duration.ofMillis(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofSeconds(amount);
        };
    if (duration.isZero()) {
      throw new TypeConversionException("duration must be positive");
    }
    return duration;
  }
}
