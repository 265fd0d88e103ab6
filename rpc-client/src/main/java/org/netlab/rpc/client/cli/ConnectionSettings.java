package org.netlab.rpc.client.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a transport needs to reach the server: where it is, which CA to trust, the client
 * certificate for mutual TLS (both or neither), and how long one call may take.
 */
public record ConnectionSettings(
    ServerUrl url, Path caFile, Path clientCertificate, Path clientKey, Duration timeout) {
  public ConnectionSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(timeout, "timeout");
    if ((clientCertificate == null) != (clientKey == null)) {
      throw new IllegalArgumentException(
          "--cert and --key go together: give both for mutual TLS, or neither");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be positive, not " + timeout);
    }
  }

  /** True when a client certificate is to be presented. */
  public boolean mutualTls() {
    return clientCertificate != null;
  }
}
