package org.netlab.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer tokens: 256 random bits, written as {@code nlt_} and 43 base64url characters (the prefix
 * lets secret scanners and people recognise one). Only their SHA-256 is ever stored: a token is
 * random enough that a fast hash cannot be reversed, and the digest is compared in constant time.
 */
public final class Tokens {
  /** What every token starts with. */
  public static final String PREFIX = "nlt_";

  private static final int RANDOM_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** A new token; show it once, store only {@link #hash(String)}. */
  public static String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The hex SHA-256 of {@code token}: what the store keeps and looks tokens up by. */
  public static String hash(String token) {
    return HexFormat.of().formatHex(digest(token));
  }

  /** Whether {@code token} is the one whose hash is {@code storedHash}, in constant time. */
  public static boolean matches(String token, String storedHash) {
    return MessageDigest.isEqual(digest(token), HexFormat.of().parseHex(storedHash));
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
