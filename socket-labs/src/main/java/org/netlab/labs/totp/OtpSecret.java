package org.netlab.labs.totp;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.codec.CodecPolicy;
import org.apache.commons.codec.binary.Base32;

/**
 * A shared HOTP/TOTP key. New keys are 160 random bits, the length RFC 4226 (section 4, R6)
 * recommends; imported keys must have at least the 128 bits it requires. There is deliberately no
 * way to derive a key from an identifier: anyone could derive it too.
 */
public final class OtpSecret {
  /** RFC 4226 recommends 160 bits. */
  public static final int GENERATED_BYTES = 20;

  /** RFC 4226 requires at least 128 bits. */
  public static final int MIN_BYTES = 16;

  /** Longer than any HMAC block; longer keys are hashed by HMAC anyway. */
  public static final int MAX_BYTES = 128;

  private static final Pattern BASE32 = Pattern.compile("[A-Z2-7]+");
  // Strict: trailing bits that cannot come from whole bytes are an error, not dropped.
  private static final Base32 CODEC = new Base32(0, null, false, (byte) '=', CodecPolicy.STRICT);

  private final byte[] key;

  private OtpSecret(byte[] key) {
    if (key.length < MIN_BYTES || key.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "a secret must have "
              + MIN_BYTES * 8
              + " to "
              + MAX_BYTES * 8
              + " bits, not "
              + key.length * 8);
    }
    this.key = key.clone();
  }

  /** A new random 160-bit secret. */
  public static OtpSecret generate(SecureRandom random) {
    byte[] key = new byte[GENERATED_BYTES];
    random.nextBytes(key);
    return new OtpSecret(key);
  }

  /** A secret from raw key bytes, for keys given as bytes (the RFC test vectors). */
  public static OtpSecret ofBytes(byte[] key) {
    return new OtpSecret(key);
  }

  /**
   * Parses an RFC 4648 Base32 secret as apps show it: case, spaces, dashes and trailing padding are
   * ignored; any other character is an error.
   */
  public static OtpSecret fromBase32(String text) {
    String compact =
        text.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "").replaceAll("=+$", "");
    if (compact.isEmpty() || !BASE32.matcher(compact).matches()) {
      throw new IllegalArgumentException("a secret must be Base32: letters A-Z and digits 2-7");
    }
    byte[] key;
    try {
      key = CODEC.decode(compact);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a secret must be whole bytes of Base32", e);
    }
    return new OtpSecret(key);
  }

  /** The key bytes (a copy). */
  public byte[] bytes() {
    return key.clone();
  }

  /** Base32 without padding, as {@code otpauth://} URIs and apps expect it. */
  public String base32() {
    return CODEC.encodeAsString(key).replace("=", "");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OtpSecret that && Arrays.equals(key, that.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  /** Never the key itself, so a secret cannot leak through a log line. */
  @Override
  public String toString() {
    return "OtpSecret[" + key.length * 8 + " bits]";
  }
}
