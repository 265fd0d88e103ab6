package org.netlab.labs.integrity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.DecoderException;
import org.apache.commons.codec.binary.Hex;

/**
 * A shared HMAC-SHA256 key, given in hex. Between {@value #MIN_BYTES} and {@value #MAX_BYTES}
 * bytes: shorter keys are guessable, and HMAC gains nothing from keys longer than a few blocks.
 * {@link #toString()} never shows the key.
 */
public final class IntegrityKey {
  public static final int MIN_BYTES = 16;
  public static final int MAX_BYTES = 1024;
  static final String ALGORITHM = "HmacSHA256";

  private final byte[] bytes;

  private IntegrityKey(byte[] bytes) {
    if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "key must be "
              + MIN_BYTES
              + " to "
              + MAX_BYTES
              + " bytes ("
              + 2 * MIN_BYTES
              + " to "
              + 2 * MAX_BYTES
              + " hex digits), got "
              + bytes.length
              + " bytes");
    }
    this.bytes = bytes.clone();
  }

  /**
   * Parses hex digits (either case; surrounding white space ignored).
   *
   * @throws IllegalArgumentException when the text is not an even number of hex digits or the key
   *     has the wrong size
   */
  public static IntegrityKey fromHex(String hex) {
    String digits = hex.strip();
    try {
      return new IntegrityKey(Hex.decodeHex(digits));
    } catch (DecoderException e) {
      throw new IllegalArgumentException(
          "key is not hex: an even number of digits 0-9 and a-f is expected", e);
    }
  }

  /** Reads a file holding the key in hex, as {@link #fromHex} takes it. */
  public static IntegrityKey fromFile(Path file) throws IOException {
    if (Files.size(file) > 4L * MAX_BYTES) {
      throw new IOException("key file " + file + " is too large to hold a key");
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    try {
      return fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key file " + file + ": " + e.getMessage(), e);
    }
  }

  SecretKey secretKey() {
    return new SecretKeySpec(bytes, ALGORITHM);
  }

  @Override
  public String toString() {
    return "IntegrityKey[" + bytes.length + " bytes]";
  }
}
