package org.netlab.labs.vault.channel;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The students' vault scheme, reproduced so that its test can break it: Diffie–Hellman in the
 * multiplicative group modulo a prime under 1,000, secrets under 1,000, and files "encrypted" by
 * XOR with SHA-256 of the shared value written in decimal, repeated. The hash makes the key look
 * long; there are still fewer than 1,000 of them. Never use this for anything but the lesson.
 *
 * @param p the public prime, below 1,000
 * @param g the public generator of the group modulo {@code p}
 */
record ToyDiffieHellman(int p, int g) {
  ToyDiffieHellman {
    if (p < 3 || p >= 1000 || !BigInteger.valueOf(p).isProbablePrime(30)) {
      throw new IllegalArgumentException("the lab's p is a prime below 1000, got " + p);
    }
    if (g < 2 || g >= p) {
      throw new IllegalArgumentException("g must be in [2, p), got " + g);
    }
  }

  /** What a side sends for its secret {@code secret}: g^secret mod p. */
  int publicValue(int secret) {
    return power(g, secret);
  }

  /** The shared value a side computes from its secret and the other side's public value. */
  int shared(int secret, int otherPublic) {
    return power(otherPublic, secret);
  }

  /** base^exponent mod p, by square and multiply. */
  int power(int base, int exponent) {
    long result = 1;
    long b = Math.floorMod(base, p);
    for (int e = exponent; e > 0; e >>= 1) {
      if ((e & 1) == 1) {
        result = result * b % p;
      }
      b = b * b % p;
    }
    return (int) result;
  }

  /** The lab's cipher: XOR with SHA-256(decimal shared value) repeated. Its own inverse. */
  static byte[] xor(int shared, byte[] data) {
    byte[] key;
    try {
      key =
          MessageDigest.getInstance("SHA-256").digest(Integer.toString(shared).getBytes(US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    byte[] out = new byte[data.length];
    for (int i = 0; i < data.length; i++) {
      out[i] = (byte) (data[i] ^ key[i % key.length]);
    }
    return out;
  }
}
