package org.netlab.rpc.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.netlab.datadir.DataDirectory;

/**
 * Everything a client needs to reach a netlab server, whichever protocol the URL names: where it
 * is, the CA that must have signed its certificate, the client certificate for mutual TLS (both or
 * neither), and how long one call may take.
 *
 * @param url the server; its scheme picks gRPC or XML-RPC, with or without TLS
 * @param caFile PEM CA certificate to trust (unused without TLS)
 * @param clientCertificate PEM certificate chain to present for mutual TLS, or null
 * @param clientKey its PKCS#8 PEM private key, null exactly when {@code clientCertificate} is
 * @param timeout the longest wait for one call (for a listing, for the whole listing)
 */
public record ClientSettings(
    ServerUrl url, Path caFile, Path clientCertificate, Path clientKey, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public ClientSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(timeout, "timeout");
    if ((clientCertificate == null) != (clientKey == null)) {
      throw new IllegalArgumentException(
          "a client certificate and its key go together: give both for mutual TLS, or neither");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
    }
  }

  /**
   * Settings for a URL such as {@code grpcs://localhost:50051} or {@code https://host:8443/RPC2},
   * trusting the CA that a local {@code rpc-server} generated in its default data directory, with
   * the default timeout and no client certificate.
   *
   * @throws IllegalArgumentException when the URL is not one of the four schemes with a host
   */
  public static ClientSettings forUrl(String url) {
    return new ClientSettings(
        ServerUrl.parse(url),
        DataDirectory.caFile(DataDirectory.defaultPath()),
        null,
        null,
        DEFAULT_TIMEOUT);
  }

  /** The same settings trusting another CA certificate. */
  public ClientSettings withCaFile(Path ca) {
    return new ClientSettings(url, ca, clientCertificate, clientKey, timeout);
  }

  /** The same settings presenting this certificate chain and key (mutual TLS). */
  public ClientSettings withClientCertificate(Path chain, Path key) {
    return new ClientSettings(url, caFile, chain, key, timeout);
  }

  /** The same settings with another limit on each call. */
  public ClientSettings withTimeout(Duration callTimeout) {
    return new ClientSettings(url, caFile, clientCertificate, clientKey, callTimeout);
  }

  /** True when a client certificate is to be presented. */
  public boolean mutualTls() {
    return clientCertificate != null;
  }
}
