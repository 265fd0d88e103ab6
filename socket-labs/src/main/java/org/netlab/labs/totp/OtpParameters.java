package org.netlab.labs.totp;

import java.time.Duration;
import java.util.Objects;

/**
 * How codes are computed for one secret: the HMAC function, the number of digits (6 to 8, RFC 4226
 * section 5.3) and the time step (RFC 6238 section 4, 30 s by default).
 */
public record OtpParameters(HmacAlgorithm algorithm, int digits, Duration period) {
  public static final int MIN_DIGITS = 6;
  public static final int MAX_DIGITS = 8;
  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

  /** SHA1, 6 digits, 30 s: what every authenticator app supports. */
  public static final OtpParameters DEFAULT =
      new OtpParameters(HmacAlgorithm.SHA1, 6, DEFAULT_PERIOD);

  public OtpParameters {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(period, "period");
    if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
      throw new IllegalArgumentException(
          "digits must be " + MIN_DIGITS + " to " + MAX_DIGITS + ", not " + digits);
    }
    if (period.toMillis() % 1000 != 0 || period.getSeconds() < 1 || period.getSeconds() > 300) {
      throw new IllegalArgumentException(
          "period must be a whole number of seconds from 1 to 300, not " + period);
    }
  }
}
