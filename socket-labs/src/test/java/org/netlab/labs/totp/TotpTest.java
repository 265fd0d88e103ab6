package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
  // RFC 6238 appendix B uses a key as long as each hash's output: 20, 32 and 64 bytes.
  private static OtpSecret rfc6238Secret(HmacAlgorithm algorithm) {
    String seed =
        switch (algorithm) {
          case SHA1 -> "12345678901234567890";
          case SHA256 -> "12345678901234567890123456789012";
          case SHA512 -> "1234567890123456789012345678901234567890123456789012345678901234";
        };
    return OtpSecret.ofBytes(seed.getBytes(US_ASCII));
  }

  private static Totp totpAt(OtpParameters parameters, Instant time) {
    return new Totp(parameters, Clock.fixed(time, ZoneOffset.UTC));
  }

  /** RFC 6238 appendix B: 8 digits, 30 s steps. */
  @ParameterizedTest(name = "{1} at {0} gives {2}")
  @CsvSource({
    "59, SHA1, 94287082", "59, SHA256, 46119246", "59, SHA512, 90693936",
    "1111111109, SHA1, 07081804", "1111111109, SHA256, 68084774", "1111111109, SHA512, 25091201",
    "1111111111, SHA1, 14050471", "1111111111, SHA256, 67062674", "1111111111, SHA512, 99943326",
    "1234567890, SHA1, 89005924", "1234567890, SHA256, 91819424", "1234567890, SHA512, 93441116",
    "2000000000, SHA1, 69279037", "2000000000, SHA256, 90698825", "2000000000, SHA512, 38618901",
    "20000000000, SHA1, 65353130", "20000000000, SHA256, 77737706", "20000000000, SHA512, 47863826"
  })
  void rfc6238AppendixBVectorsAreReproduced(
      long unixSeconds, HmacAlgorithm algorithm, String code) {
    OtpParameters parameters = new OtpParameters(algorithm, 8, Duration.ofSeconds(30));
    Instant time = Instant.ofEpochSecond(unixSeconds);
    assertEquals(code, totpAt(parameters, time).code(rfc6238Secret(algorithm)));
  }

  @Test
  void verifyAcceptsOneStepEitherSideAndNoMore() {
    OtpSecret secret = rfc6238Secret(HmacAlgorithm.SHA1);
    Instant now = Instant.ofEpochSecond(1_234_567_890);
    Totp totp = totpAt(OtpParameters.DEFAULT, now);
    long step = totp.step(now);
    for (int offset = -1; offset <= 1; offset++) {
      String code = totp.codeAt(secret, now.plusSeconds(30L * offset));
      assertEquals(OptionalLong.of(step + offset), totp.verify(secret, code), "offset " + offset);
    }
    for (int offset : new int[] {-3, -2, 2, 3}) {
      String code = totp.codeAt(secret, now.plusSeconds(30L * offset));
      assertTrue(totp.verify(secret, code).isEmpty(), "offset " + offset + " must be refused");
    }
  }

  @Test
  void remainingCountsDownToTheNextStep() {
    // 1,000,000,000 is 10 s into a step (999,999,990 is a multiple of 30).
    Totp totp = totpAt(OtpParameters.DEFAULT, Instant.ofEpochSecond(1_000_000_000));
    assertEquals(Duration.ofSeconds(20), totp.remaining());
    Totp atBoundary = totpAt(OtpParameters.DEFAULT, Instant.ofEpochSecond(999_999_990));
    assertEquals(Duration.ofSeconds(30), atBoundary.remaining());
  }

  @Test
  void codesKeepTheirLeadingZeros() {
    OtpParameters sixDigits = new OtpParameters(HmacAlgorithm.SHA1, 6, Duration.ofSeconds(30));
    // RFC 6238's SHA1 code at 1111111109 is 07081804; its last six digits start with 0.
    assertEquals(
        "081804",
        totpAt(sixDigits, Instant.ofEpochSecond(1_111_111_109))
            .code(rfc6238Secret(HmacAlgorithm.SHA1)));
  }
}
