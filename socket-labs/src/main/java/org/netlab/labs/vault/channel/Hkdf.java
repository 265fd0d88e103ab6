package org.netlab.labs.vault.channel;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869): {@link #extract} concentrates the entropy of input keying
 * material into a pseudorandom key, {@link #expand} stretches that key into as many labelled output
 * keys as needed. Written on the JDK's {@code Mac} because the {@code javax.crypto.KDF} API of JDK
 * 25 is not part of the Java 21 platform this project targets.
 */
public final class Hkdf {
  /** HMAC-SHA256's output length, HashLen in RFC 5869. */
  public static final int HASH_LENGTH = 32;

  private static final String HMAC = "HmacSHA256";

  private Hkdf() {}

  /**
   * HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM) (RFC 5869 §2.2); an empty salt stands for
   * HashLen zero bytes.
   */
  public static byte[] extract(byte[] salt, byte[] inputKeyingMaterial) {
    byte[] key = salt.length == 0 ? new byte[HASH_LENGTH] : salt;
    Mac mac = mac(key);
    return mac.doFinal(inputKeyingMaterial);
  }

  /**
   * HKDF-Expand(PRK, info, L) (RFC 5869 §2.3): T(i) = HMAC-Hash(PRK, T(i-1) | info | i), the first
   * {@code length} bytes of T(1) | T(2) | ...
   *
   * @throws IllegalArgumentException when {@code length} is not in 1..255*HashLen or the PRK is
   *     shorter than HashLen
   */
  public static byte[] expand(byte[] pseudorandomKey, byte[] info, int length) {
    if (length < 1 || length > 255 * HASH_LENGTH) {
      throw new IllegalArgumentException("length must be 1 to " + 255 * HASH_LENGTH);
    }
    if (pseudorandomKey.length < HASH_LENGTH) {
      throw new IllegalArgumentException("PRK must be at least " + HASH_LENGTH + " bytes");
    }
    Mac mac = mac(pseudorandomKey);
    byte[] out = new byte[length];
    byte[] previous = new byte[0];
    int done = 0;
    for (int i = 1; done < length; i++) {
      mac.update(previous);
      mac.update(info);
      mac.update((byte) i);
      previous = mac.doFinal();
      int take = Math.min(previous.length, length - done);
      System.arraycopy(previous, 0, out, done, take);
      done += take;
    }
    return out;
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac;
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("HMAC key refused: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
