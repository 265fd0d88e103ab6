package org.netlab.labs.pay.server;

import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.netlab.labs.pay.PeerCertificates;
import org.netlab.labs.pay.ledger.Ledger;
import org.netlab.labs.pay.ledger.NameTakenException;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.LocalCertificateAuthority.Purpose;

/**
 * Registration: a certificate for the key of a user's request, issued by the server's CA, and an
 * account opened with it. No secret crosses the wire: the private key never leaves the user.
 */
final class Registrar {
  private final LocalCertificateAuthority authority;
  private final Ledger ledger;
  private final long openingBalance;

  Registrar(LocalCertificateAuthority authority, Ledger ledger, long openingBalance) {
    this.authority = authority;
    this.ledger = ledger;
    this.openingBalance = openingBalance;
  }

  /**
   * Issues the user's certificate and opens their account; the certificate is valid both to connect
   * (to this server, to pay) and to accept connections (to be paid).
   *
   * @return the certificate, DER
   * @throws NameTakenException when the name is registered already: the certificate just issued is
   *     then never recorded, so it opens nothing
   */
  byte[] register(String name, PublicKey key) throws NameTakenException {
    X509Certificate certificate =
        authority.certify(key, name, List.of(Purpose.CLIENT, Purpose.SERVER), List.of());
    byte[] der;
    try {
      der = certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode an issued certificate", e);
    }
    ledger.register(name, der, PeerCertificates.fingerprint(der), openingBalance);
    return der;
  }

  long openingBalance() {
    return openingBalance;
  }
}
