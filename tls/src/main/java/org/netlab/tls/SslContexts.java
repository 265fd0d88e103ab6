package org.netlab.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds JDK {@link SSLContext}s from PEM files, for the transports that take one (the HTTPS server
 * of XML-RPC, FTPS, the clients).
 */
public final class SslContexts {
  private static final char[] NO_PASSWORD = new char[0];

  private SslContexts() {}

  /**
   * A server context presenting {@code files.chain()}; when {@code files.clientCa()} is set it also
   * trusts client certificates from that CA (the caller still has to require client authentication
   * on its sockets or engines).
   */
  public static SSLContext forServer(TlsFiles files) throws IOException {
    KeyManager[] keys = keyManagers(files.chain(), files.key());
    TrustManager[] trust = files.mutual() ? trustManagers(files.clientCa()) : null;
    return context(keys, trust);
  }

  /**
   * A client context trusting only the CA certificates in {@code caFile}; with a certificate chain
   * and key, it also presents them (mutual TLS).
   *
   * @param clientChain may be null
   * @param clientKey may be null
   */
  public static SSLContext forClient(Path caFile, Path clientChain, Path clientKey)
      throws IOException {
    KeyManager[] keys = clientChain == null ? null : keyManagers(clientChain, clientKey);
    return context(keys, trustManagers(caFile));
  }

  private static SSLContext context(KeyManager[] keys, TrustManager[] trust) throws IOException {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyManager[] keyManagers(Path chainFile, Path keyFile) throws IOException {
    List<X509Certificate> chain = Pem.readCertificates(chainFile);
    PrivateKey key = Pem.readPrivateKey(keyFile);
    // The key store takes any key with any chain; the mismatch would only show in handshakes.
    if (!KeyPairs.fit(key, chain.get(0).getPublicKey())) {
      throw new IOException(keyFile + " is not the key of the first certificate in " + chainFile);
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("key", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, NO_PASSWORD);
      return factory.getKeyManagers();
    } catch (GeneralSecurityException e) {
      throw new IOException(
          keyFile + " does not match the certificate in " + chainFile + ": " + e.getMessage(), e);
    }
  }

  private static TrustManager[] trustManagers(Path caFile) throws IOException {
    List<X509Certificate> authorities = Pem.readCertificates(caFile);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < authorities.size(); i++) {
        store.setCertificateEntry("ca-" + i, authorities.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot trust " + caFile + ": " + e.getMessage(), e);
    }
  }
}
