package org.netlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsTheUnitsPeopleWrite() {
    assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
    assertEquals(Duration.ofSeconds(10), converter.convert("10s"));
    assertEquals(Duration.ofMinutes(1), converter.convert("1m"));
    assertEquals(Duration.ofHours(2), converter.convert("2h"));
    assertEquals(Duration.ofDays(90), converter.convert("90d"));
    assertEquals(Duration.ofSeconds(90), converter.convert("PT1M30S"));
  }

  @Test
  void aBareNumberIsSeconds() {
    assertEquals(Duration.ofSeconds(5), converter.convert("5"));
  }

  @Test
  void zeroNegativeAndWordsAreRefused() {
    assertThrows(TypeConversionException.class, () -> converter.convert("0s"));
    assertThrows(TypeConversionException.class, () -> converter.convert("PT-1S"));
    assertThrows(TypeConversionException.class, () -> converter.convert("1 s"));
    assertThrows(TypeConversionException.class, () -> converter.convert("1sec"));
  }

  @Test
  void durationsAreWrittenBackInTheSameGrammar() {
    assertEquals("250ms", Durations.text(Duration.ofMillis(250)));
    assertEquals("10s", Durations.text(Duration.ofSeconds(10)));
    assertEquals("2m", Durations.text(Duration.ofMinutes(2)));
    assertEquals("1.500s", Durations.text(Duration.ofMillis(1500)));
    assertEquals(Duration.ofMillis(1500), converter.convert("1500ms"));
  }
}
