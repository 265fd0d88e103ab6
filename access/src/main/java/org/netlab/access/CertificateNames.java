package org.netlab.access;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The names a client certificate gives its holder: the subject's common name, then its DNS, e-mail
 * and URI subject alternative names. Only call this on a certificate TLS has verified.
 */
public final class CertificateNames {
  // GeneralName tags, RFC 5280 section 4.2.1.6.
  private static final int RFC822_NAME = 1;
  private static final int DNS_NAME = 2;
  private static final int URI = 6;

  /** Where a session keeps its peer's names, worked out on its first call. */
  private static final String SESSION_KEY = CertificateNames.class.getName();

  private CertificateNames() {}

  /**
   * The names of the client certificate a TLS session verified; empty when the client showed none,
   * or the session is null (no TLS).
   *
   * <p>They are kept in the session: every call on a connection asks, and a client without a
   * certificate would otherwise cost an exception with its stack trace each time.
   */
  public static List<String> ofPeer(SSLSession session) {
    if (session == null) {
      return List.of();
    }
    if (session.getValue(SESSION_KEY) instanceof NamesOfPeer kept) {
      return kept.names();
    }
    List<String> names = namesOfPeer(session);
    session.putValue(SESSION_KEY, new NamesOfPeer(names));
    return names;
  }

  private static List<String> namesOfPeer(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? of(leaf) : List.of();
    } catch (SSLPeerUnverifiedException noCertificate) {
      return List.of();
    }
  }

  /** A type of this class's own, so that no other value under the key is taken for names. */
  private record NamesOfPeer(List<String> names) {}

  public static List<String> of(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          names.add(rdn.getValue().toString());
        }
      }
    } catch (InvalidNameException e) {
      // A subject the JDK printed is always a valid name; no common name then.
    }
    try {
      Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> alternative : alternatives) {
          int type = (Integer) alternative.get(0);
          if (type == RFC822_NAME || type == DNS_NAME || type == URI) {
            names.add(alternative.get(1).toString());
          }
        }
      }
    } catch (CertificateParsingException e) {
      // Unreadable alternative names give no names.
    }
    return List.copyOf(names);
  }
}
