package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-based one-time passwords (RFC 4226): a code from a secret and a counter. */
public final class Hotp {
  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  private final HmacAlgorithm algorithm;
  private final int digits;

  public Hotp(HmacAlgorithm algorithm, int digits) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    if (digits < OtpParameters.MIN_DIGITS || digits > OtpParameters.MAX_DIGITS) {
      throw new IllegalArgumentException("digits must be 6 to 8, not " + digits);
    }
    this.digits = digits;
  }

  /** The code for a counter value, zero-padded to the configured number of digits. */
  public String generate(OtpSecret secret, long counter) {
    byte[] hash = hmac(secret, counter);
    // Dynamic truncation, RFC 4226 section 5.3: the low nibble of the last byte picks
    // four bytes, whose top bit is dropped to avoid signed/unsigned ambiguity.
    int offset = hash[hash.length - 1] & 0x0f;
    int binary =
        (hash[offset] & 0x7f) << 24
            | (hash[offset + 1] & 0xff) << 16
            | (hash[offset + 2] & 0xff) << 8
            | (hash[offset + 3] & 0xff);
    String code = Integer.toString(binary % POWERS_OF_TEN[digits]);
    return "0".repeat(digits - code.length()) + code;
  }

  /**
   * Whether {@code code} is the code for {@code counter}. The comparison takes the same time
   * wherever the first difference is, so timing reveals nothing of the right code.
   */
  public boolean matches(OtpSecret secret, long counter, String code) {
    return MessageDigest.isEqual(
        generate(secret, counter).getBytes(US_ASCII), code.getBytes(US_ASCII));
  }

  private byte[] hmac(OtpSecret secret, long counter) {
    try {
      Mac mac = Mac.getInstance(algorithm.jcaName());
      mac.init(new SecretKeySpec(secret.bytes(), algorithm.jcaName()));
      byte[] message = new byte[8];
      for (int i = 7; i >= 0; i--) {
        message[i] = (byte) counter;
        counter >>>= 8;
      }
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      // Every Java platform must provide HmacSHA1 and HmacSHA256; SHA512 is in the JDK.
      throw new IllegalStateException(algorithm.jcaName() + " unavailable", e);
    }
  }
}
