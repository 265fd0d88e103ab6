package org.netlab.labs.vault.client;

import java.nio.file.Path;
import java.time.Duration;
import org.netlab.cli.DurationConverter;
import org.netlab.datadir.DataDirectory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** How to reach and trust a vault server; shared by every {@code bin/vault} command. */
public final class VaultConnectionOptions {
  @Option(
      scope = ScopeType.INHERIT,
      names = "--ca",
      paramLabel = "PEM",
      description = {
        "CA certificate that https:// trusts, and no other",
        "(default: the local netlab CA, <data-dir>/tls/ca.pem)."
      })
  Path ca;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--cert",
      paramLabel = "PEM",
      description = "Client certificate chain for mutual TLS (with --key).")
  Path certificate;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--key",
      paramLabel = "PEM",
      description = "PKCS#8 private key of --cert.")
  Path key;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--timeout",
      defaultValue = "30s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = {
        "Bound on connecting, on the answer's head, and on each read",
        "(500ms, 10s, 1m; default: ${DEFAULT-VALUE})."
      })
  Duration timeout;

  /** A client with these options; TLS files are read at the first https:// request. */
  VaultHttpClient client() {
    Path trusted = ca != null ? ca : DataDirectory.caFile(DataDirectory.defaultPath());
    return new VaultHttpClient(new ClientTls(trusted, certificate, key), timeout);
  }
}
