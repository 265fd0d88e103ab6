package org.netlab.access;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The names a client certificate gives its holder: the subject's common name, then its DNS, e-mail
 * and URI subject alternative names. Only call this on a certificate TLS has verified.
 */
public final class CertificateNames {
  // GeneralName tags, RFC 5280 section 4.2.1.6.
  private static final int RFC822_NAME = 1;
  private static final int DNS_NAME = 2;
  private static final int URI = 6;

  private CertificateNames() {}

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
