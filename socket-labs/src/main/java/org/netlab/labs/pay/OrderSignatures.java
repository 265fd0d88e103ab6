package org.netlab.labs.pay;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * The two signatures on an order, both ECDSA P-256 with SHA-256, DER-encoded, sent in base64. The
 * payer signs the order line itself; the payee signs {@code ACCEPT } followed by the order line, so
 * that neither signature can stand for the other.
 */
public final class OrderSignatures {
  public static final String ALGORITHM = "SHA256withECDSA";

  /** A DER ECDSA P-256 signature is at most 72 bytes; this leaves room, not abuse. */
  private static final int MAX_SIGNATURE_BYTES = 160;

  private OrderSignatures() {}

  /** The payer's signature, in base64. */
  public static String signAsPayer(PaymentOrder order, PrivateKey key) {
    return sign(payerMessage(order), key);
  }

  /** The payee's countersignature, in base64. */
  public static String signAsPayee(PaymentOrder order, PrivateKey key) {
    return sign(payeeMessage(order), key);
  }

  public static boolean payerSigned(PaymentOrder order, String signature, PublicKey payerKey) {
    return verify(payerMessage(order), signature, payerKey);
  }

  public static boolean payeeSigned(PaymentOrder order, String signature, PublicKey payeeKey) {
    return verify(payeeMessage(order), signature, payeeKey);
  }

  static byte[] payerMessage(PaymentOrder order) {
    return order.bytes();
  }

  static byte[] payeeMessage(PaymentOrder order) {
    return (PayProtocol.ACCEPT_PREFIX + order.text()).getBytes(US_ASCII);
  }

  private static String sign(byte[] message, PrivateKey key) {
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(key);
      signer.update(message);
      return Base64.getEncoder().encodeToString(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }

  /** False for anything that is not a valid signature: bad base64, wrong key kind, garbage. */
  private static boolean verify(byte[] message, String signature, PublicKey key) {
    byte[] der;
    try {
      der = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (der.length == 0 || der.length > MAX_SIGNATURE_BYTES) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(der);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
