package org.netlab.rpc.server;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.netlab.datadir.DataDirectory;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.SslContexts;
import org.netlab.tls.TlsFiles;

/**
 * The TLS files a server presents: the certificate and key it was given, or else a server
 * certificate from the local CA kept in {@code <data-dir>/tls} (created on first start, reused
 * afterwards).
 *
 * @param files what every TLS endpoint of the process uses
 * @param localCa the generated CA certificate that clients should trust; null when the operator
 *     gave a certificate
 */
public record ServerTls(TlsFiles files, Path localCa) {

  /**
   * Resolves and checks the TLS files, so that an unreadable or mismatched file stops the start-up
   * with a message naming it.
   *
   * @param certificate PEM chain, leaf first; null to use the local CA
   * @param key PKCS#8 PEM key of {@code certificate}; null exactly when it is null
   * @param clientCa CA that client certificates must chain to; null for no mutual TLS
   * @throws IOException when a file cannot be read or the key does not fit the certificate
   */
  public static ServerTls resolve(Path certificate, Path key, Path clientCa, Path dataDir)
      throws IOException {
    if ((certificate == null) != (key == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key must be given together");
    }
    TlsFiles files;
    Path localCa;
    if (certificate != null) {
      files = new TlsFiles(certificate, key, clientCa);
      localCa = null;
    } else {
      LocalCertificateAuthority ca =
          LocalCertificateAuthority.loadOrCreate(dataDir.resolve(DataDirectory.TLS_SUBDIRECTORY));
      files = ca.serverFiles().withClientCa(clientCa);
      localCa = ca.certificateFile();
    }
    try {
      SslContexts.forServer(files); // reads and matches every file now, not at the first call
      return new ServerTls(files, localCa);
    } catch (NoSuchFileException e) {
      throw new IOException("TLS file not found: " + e.getFile(), e);
    } catch (AccessDeniedException e) {
      throw new IOException("TLS file not readable (permission denied): " + e.getFile(), e);
    }
  }
}
