package org.netlab.labs.vault.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.netlab.tls.SslContexts;

/**
 * What {@code https://} trusts and presents: only the CA certificates in {@code ca} (the JDK's
 * default trust store is not used), and for mutual TLS a client certificate chain and its key.
 *
 * @param certificate PEM chain to present, or null
 * @param key PKCS#8 PEM key of {@code certificate}, or null
 */
public record ClientTls(Path ca, Path certificate, Path key) {
  public ClientTls {
    Objects.requireNonNull(ca, "ca");
    if ((certificate == null) != (key == null)) {
      throw new IllegalArgumentException("--cert and --key go together");
    }
  }

  /**
   * A context trusting {@link #ca()} only.
   *
   * @throws IOException when a file cannot be read or the key is not the certificate's
   */
  public SSLContext context() throws IOException {
    if (!Files.exists(ca)) {
      throw new IllegalArgumentException(
          "no CA certificate at "
              + ca
              + " for https:// to trust: give --ca PEM (the default, the local CA, is created"
              + " by a local vault-server when it first starts)");
    }
    return SslContexts.forClient(ca, certificate, key);
  }
}
