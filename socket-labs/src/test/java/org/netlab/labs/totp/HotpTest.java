package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HotpTest {
  private static final OtpSecret RFC_4226_SECRET =
      OtpSecret.ofBytes("12345678901234567890".getBytes(US_ASCII));

  /** RFC 4226 appendix D. */
  @ParameterizedTest(name = "counter {0} gives {1}")
  @CsvSource({
    "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314",
    "5, 254676", "6, 287922", "7, 162583", "8, 399871", "9, 520489"
  })
  void rfc4226AppendixDValuesAreReproduced(long counter, String code) {
    assertEquals(code, new Hotp(HmacAlgorithm.SHA1, 6).generate(RFC_4226_SECRET, counter));
  }

  @Test
  void matchesComparesTheWholeCode() {
    Hotp hotp = new Hotp(HmacAlgorithm.SHA1, 6);
    assertTrue(hotp.matches(RFC_4226_SECRET, 0, "755224"));
    assertFalse(hotp.matches(RFC_4226_SECRET, 0, "755225"));
    assertFalse(hotp.matches(RFC_4226_SECRET, 0, "75522"));
    assertFalse(hotp.matches(RFC_4226_SECRET, 0, "7552240"));
    assertFalse(hotp.matches(RFC_4226_SECRET, 1, "755224"));
  }

  @Test
  void digitsOutsideSixToEightAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Hotp(HmacAlgorithm.SHA1, 5));
    assertThrows(IllegalArgumentException.class, () -> new Hotp(HmacAlgorithm.SHA1, 9));
  }
}
