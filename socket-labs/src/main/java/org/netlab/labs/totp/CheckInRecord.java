package org.netlab.labs.totp;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the check-in log: {@code time name id client result}, tab-separated, time in UTC (ISO
 * 8601), {@code -} for a field the request did not validly carry. Names and ids never contain tabs
 * or line breaks (requests with control characters are refused), so every record stays on its line.
 */
public record CheckInRecord(Instant time, String name, String id, String client, String result) {
  public static final String ABSENT = "-";

  public CheckInRecord {
    time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
    name = printable(name);
    id = printable(id);
    client = printable(client);
    result = printable(result);
  }

  private static String printable(String field) {
    if (field == null || field.isEmpty()) {
      return ABSENT;
    }
    // Belt and braces: whatever a caller passes, a record is one line of tab-separated fields.
    StringBuilder clean = new StringBuilder(field.length());
    field.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return clean.toString();
  }

  public String toLine() {
    return String.join("\t", time.toString(), name, id, client, result);
  }

  /** Parses a line written by {@link #toLine()}; empty for anything else. */
  public static Optional<CheckInRecord> parse(String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 5) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new CheckInRecord(Instant.parse(fields[0]), fields[1], fields[2], fields[3], fields[4]));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
