package org.netlab.labs.ftp.server;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 password hash, written as {@code pbkdf2-sha256:ITERATIONS:SALT:HASH}
 * with salt and hash in Base64. The iteration count is stored with each hash, so raising the
 * default later keeps old entries valid.
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {
  /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  private static final String ALGORITHM = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  public PasswordHash {
    if (iterations < 1000) {
      throw new IllegalArgumentException("at least 1000 iterations, got " + iterations);
    }
    if (salt.length < 8 || hash.length < 16) {
      throw new IllegalArgumentException("salt or hash too short");
    }
    salt = salt.clone();
    hash = hash.clone();
  }

  /** Hashes a password with a fresh random salt. */
  public static PasswordHash create(char[] password, int iterations) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations));
  }

  /** Parses the stored form; throws {@link IllegalArgumentException} with the reason. */
  public static PasswordHash parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 4 || !parts[0].equals(ALGORITHM)) {
      throw new IllegalArgumentException("expected " + ALGORITHM + ":ITERATIONS:SALT:HASH");
    }
    try {
      return new PasswordHash(
          Integer.parseInt(parts[1]),
          Base64.getDecoder().decode(parts[2]),
          Base64.getDecoder().decode(parts[3]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad password hash: " + e.getMessage(), e);
    }
  }

  /** Compares in constant time. */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  public String encode() {
    Base64.Encoder base64 = Base64.getEncoder();
    return ALGORITHM
        + ":"
        + iterations
        + ":"
        + base64.encodeToString(salt)
        + ":"
        + base64.encodeToString(hash);
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PasswordHash p
        && p.iterations == iterations
        && Arrays.equals(p.salt, salt)
        && Arrays.equals(p.hash, hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "PasswordHash[" + ALGORITHM + ", " + iterations + " iterations]";
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
