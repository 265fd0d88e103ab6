package org.netlab.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;

/** Whether a private key and a public key (a certificate's) are two halves of one pair. */
final class KeyPairs {
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyPairs() {}

  /**
   * Signs random bytes with {@code key} and verifies them with {@code publicKey}; keys of different
   * kinds do not fit. Public keys of a kind this cannot verify with (neither EC, RSA nor EdDSA) are
   * taken as fitting, and left to the TLS handshake.
   */
  static boolean fit(PrivateKey key, PublicKey publicKey) {
    String algorithm =
        switch (publicKey.getAlgorithm()) {
          case "EC", "ECDSA" -> "SHA256withECDSA";
          case "RSA" -> "SHA256withRSA";
          case "Ed25519", "Ed448", "EdDSA" -> publicKey.getAlgorithm();
          default -> null;
        };
    if (algorithm == null) {
      return true;
    }
    byte[] challenge = new byte[32];
    RANDOM.nextBytes(challenge);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
