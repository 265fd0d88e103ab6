package org.netlab.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The PEM files a TLS server needs: its certificate chain (leaf first), its PKCS#8 private key, and
 * optionally the CA that client certificates must chain to (mutual TLS when present).
 */
public record TlsFiles(Path chain, Path key, Path clientCa) {
  public TlsFiles {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(key, "key");
  }

  public TlsFiles(Path chain, Path key) {
    this(chain, key, null);
  }

  public boolean mutual() {
    return clientCa != null;
  }

  public TlsFiles withClientCa(Path clientCa) {
    return new TlsFiles(chain, key, clientCa);
  }
}
