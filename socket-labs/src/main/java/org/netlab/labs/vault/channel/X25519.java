package org.netlab.labs.vault.channel;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) on the JDK's {@code XDH} provider, with public keys as the 32 raw bytes that
 * travel on the wire: the little-endian u-coordinate, as every other implementation writes it.
 */
public final class X25519 {
  /** A public key or a shared secret: 32 bytes. */
  public static final int KEY_LENGTH = 32;

  private static final String ALGORITHM = "X25519";
  // The u-coordinate of the base point (RFC 7748 §4.1).
  private static final BigInteger BASE_POINT_U = BigInteger.valueOf(9);

  private X25519() {}

  /** A fresh key pair from the JDK's default {@code SecureRandom}. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 is part of every JDK since 11", e);
    }
  }

  /** The 32 bytes that stand for {@code key} on the wire. */
  public static byte[] encode(PublicKey key) {
    if (!(key instanceof XECPublicKey xec)) {
      throw new IllegalArgumentException("not an X25519 public key: " + key.getAlgorithm());
    }
    byte[] bigEndian = xec.getU().toByteArray();
    byte[] out = new byte[KEY_LENGTH];
    // toByteArray is big-endian, maybe with a leading sign byte or fewer than 32 bytes.
    for (int i = 0; i < KEY_LENGTH && i < bigEndian.length; i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return out;
  }

  /**
   * The public key written as {@code raw}: 32 bytes, little-endian, the top bit ignored as RFC 7748
   * §5 says.
   *
   * @throws IllegalArgumentException when it is not 32 bytes
   */
  public static PublicKey decode(byte[] raw) {
    if (raw.length != KEY_LENGTH) {
      throw new IllegalArgumentException(
          "an X25519 public key is " + KEY_LENGTH + " bytes, got " + raw.length);
    }
    byte[] bigEndian = new byte[KEY_LENGTH];
    for (int i = 0; i < KEY_LENGTH; i++) {
      bigEndian[i] = raw[KEY_LENGTH - 1 - i];
    }
    bigEndian[0] &= 0x7f;
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePublic(
              new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 is part of every JDK since 11", e);
    }
  }

  /**
   * X25519(private, peer): the 32-byte shared secret.
   *
   * @throws InvalidKeyException when the peer's key is one of the few low-order points whose result
   *     is all zeros (the JDK refuses those), so a peer cannot force a known secret
   */
  public static byte[] agree(PrivateKey self, byte[] peerPublic) throws InvalidKeyException {
    try {
      KeyAgreement agreement = KeyAgreement.getInstance(ALGORITHM);
      agreement.init(self);
      agreement.doPhase(decode(peerPublic), true);
      byte[] secret = agreement.generateSecret();
      if (isAllZero(secret)) {
        throw new InvalidKeyException("low-order public key: the shared secret is all zeros");
      }
      return secret;
    } catch (InvalidKeyException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 is part of every JDK since 11", e);
    }
  }

  /** The 32 raw bytes of the public key of {@code self}: X25519(self, 9), the base point. */
  public static byte[] publicOf(PrivateKey self) {
    byte[] base = new byte[KEY_LENGTH];
    base[0] = (byte) BASE_POINT_U.intValueExact();
    try {
      return agree(self, base);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("not an X25519 private key", e);
    }
  }

  private static boolean isAllZero(byte[] bytes) {
    int any = 0;
    for (byte b : bytes) {
      any |= b;
    }
    return any == 0;
  }
}
