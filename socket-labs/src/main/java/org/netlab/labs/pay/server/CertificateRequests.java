package org.netlab.labs.pay.server;

import java.io.IOException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * Reads the certificate request (PKCS#10) a user registers with: base64 DER, signed by the key it
 * names (the proof that the user holds the private key), for an ECDSA P-256 key, with the name
 * being registered as its only common name.
 */
final class CertificateRequests {
  /** A P-256 request is about 250 bytes; this bounds what is parsed. */
  static final int MAX_REQUEST_BYTES = 4096;

  private CertificateRequests() {}

  /** Thrown for a request that cannot be used; the message says why. */
  static final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
      super(message);
    }
  }

  /**
   * The public key of a request for {@code name}.
   *
   * @throws BadRequestException when the request is malformed, not self-signed, not for a P-256
   *     key, or for another name
   */
  static PublicKey publicKey(String base64, String name) throws BadRequestException {
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("the certificate request is not base64");
    }
    if (der.length > MAX_REQUEST_BYTES) {
      throw new BadRequestException(
          "the certificate request is over " + MAX_REQUEST_BYTES + " bytes");
    }
    JcaPKCS10CertificationRequest request;
    PublicKey key;
    try {
      request = new JcaPKCS10CertificationRequest(der);
      key = request.getPublicKey();
    } catch (IOException | RuntimeException | java.security.GeneralSecurityException e) {
      throw new BadRequestException("not a PKCS#10 certificate request in DER");
    }
    if (!(key instanceof ECPublicKey ec)
        || ec.getParams().getCurve().getField().getFieldSize() != 256) {
      throw new BadRequestException("the key must be ECDSA P-256");
    }
    try {
      if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
        throw new BadRequestException("the request is not signed by its own key");
      }
    } catch (OperatorCreationException | PKCSException | RuntimeException e) {
      throw new BadRequestException("the request's signature cannot be checked");
    }
    RDN[] names = request.getSubject().getRDNs(BCStyle.CN);
    if (names.length != 1
        || !IETFUtils.valueToString(names[0].getFirst().getValue()).equals(name)) {
      throw new BadRequestException("the request's common name must be " + name);
    }
    return key;
  }
}
