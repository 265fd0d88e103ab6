package org.netlab.labs.pay.server;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The far end of one connection to the central server: where it comes from, the certificate it
 * presented (checked against the CA by the handshake), and, once checked against the ledger, the
 * registered user it is. One object per connection, also the key of that connection's presence.
 */
final class Caller {
  private final String host;
  private final X509Certificate certificate;
  private volatile String user;

  Caller(String host, X509Certificate certificate) {
    this.host = host;
    this.certificate = certificate;
  }

  String host() {
    return host;
  }

  Optional<X509Certificate> certificate() {
    return Optional.ofNullable(certificate);
  }

  /** The registered user this caller was found to be, once found. */
  Optional<String> user() {
    return Optional.ofNullable(user);
  }

  void identified(String name) {
    this.user = name;
  }
}
