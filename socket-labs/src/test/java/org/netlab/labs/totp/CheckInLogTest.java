package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckInLogTest {
  private static final Instant T = Instant.parse("2026-03-02T09:00:10.123Z");

  @TempDir Path dir;

  @Test
  void recordsRoundTripThroughTheFile() throws IOException {
    Path path = dir.resolve("log");
    CheckInRecord record = new CheckInRecord(T, "Zoé", "42", "127.0.0.1:5000", "accepted");
    try (CheckInLog log = CheckInLog.open(path)) {
      log.append(record);
    }
    assertEquals(
        "2026-03-02T09:00:10.123Z\tZoé\t42\t127.0.0.1:5000\taccepted\n",
        Files.readString(path, UTF_8));
    assertEquals(List.of(record), CheckInLog.readSince(path, T));
    assertEquals(List.of(), CheckInLog.readSince(path, T.plusMillis(1)));
  }

  @Test
  void lineTornByACrashIsEndedBeforeTheNextRecord() throws IOException {
    Path path = dir.resolve("log");
    Files.writeString(path, "2026-03-02T09:00:10Z\tAda\t4");
    CheckInRecord record = new CheckInRecord(T, "Bob", "7", "127.0.0.1:5001", "unknown id");
    try (CheckInLog log = CheckInLog.open(path)) {
      log.append(record);
    }
    assertEquals(
        List.of("2026-03-02T09:00:10Z\tAda\t4", record.toLine()), Files.readAllLines(path, UTF_8));
    assertEquals(List.of(record), CheckInLog.readSince(path, Instant.EPOCH));
  }

  @Test
  void controlCharactersNeverBreakARecordOverLines() {
    CheckInRecord record = new CheckInRecord(T, "A\nB\tC", "", null, "x\u0085y");
    assertEquals("2026-03-02T09:00:10.123Z\tA?B?C\t-\t-\tx?y", record.toLine());
  }
}
