package org.netlab.labs.vault.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * HTTP dates (RFC 9110 section 5.6.7): written as IMF-fixdate, read in all three forms a recipient
 * must accept.
 */
final class HttpDates {
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final List<DateTimeFormatter> OBSOLETE =
      List.of(
          // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
          // two-digit years from 1970 on, as RFC 9110 asks (no date of the web is older).
          new DateTimeFormatterBuilder()
              .appendPattern("EEEE, dd-MMM-")
              .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
              .appendPattern(" HH:mm:ss 'GMT'")
              .toFormatter(Locale.US),
          // asctime: Sun Nov  6 08:49:37 1994
          DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US));

  private HttpDates() {}

  /** The last second formatted: every response's {@code Date} is one of a few per second. */
  private record Formatted(long epochSecond, String text) {}

  private static volatile Formatted lastFormatted = new Formatted(Long.MIN_VALUE, "");

  /** {@link #format}, remembered for the second: for {@code Date}, written on every response. */
  static String formatSecond(Instant instant) {
    Formatted last = lastFormatted;
    if (last.epochSecond() != instant.getEpochSecond()) {
      last = new Formatted(instant.getEpochSecond(), format(instant));
      lastFormatted = last;
    }
    return last.text();
  }

  static String format(Instant instant) {
    return IMF_FIXDATE.format(instant);
  }

  /** The instant {@code text} names, or null when it is not an HTTP date. */
  static Instant parse(String text) {
    try {
      return Instant.from(IMF_FIXDATE.parse(text));
    } catch (DateTimeParseException e) {
      // Try the obsolete forms.
    }
    for (DateTimeFormatter format : OBSOLETE) {
      try {
        return LocalDateTime.parse(text, format).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        // Next form.
      }
    }
    return null;
  }
}
