package org.netlab.labs.pay;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Who is at the other end of a TLS connection of the lab: a user's certificate names them by its
 * one common name, and is known by its SHA-256 fingerprint, which LIST publishes.
 */
public final class PeerCertificates {
  private PeerCertificates() {}

  /** SHA-256 of a certificate's DER, lower-case hex. */
  public static String fingerprint(byte[] der) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  public static String fingerprint(X509Certificate certificate) {
    try {
      return fingerprint(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode a certificate", e);
    }
  }

  /** The one common name of a certificate's subject; empty when it has none or several. */
  public static Optional<String> commonName(X509Certificate certificate) {
    RDN[] names =
        X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
            .getRDNs(BCStyle.CN);
    if (names.length != 1 || names[0].isMultiValued()) {
      return Optional.empty();
    }
    return Optional.of(IETFUtils.valueToString(names[0].getFirst().getValue()));
  }

  /** The certificate the peer presented in {@code session}; empty when it presented none. */
  public static Optional<X509Certificate> of(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate leaf
          ? Optional.of(leaf)
          : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }
}
