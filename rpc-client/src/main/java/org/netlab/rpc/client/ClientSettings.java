package org.netlab.rpc.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.netlab.datadir.DataDirectory;

/**
 * Everything a client needs to reach a netlab server, whichever protocol the URL names: where it
 * is, the CA that must have signed its certificate, the client certificate for mutual TLS (both or
 * neither), how long one call may take, and the token that says who is calling.
 *
 * <p>The token is a secret: {@link #toString} shows {@code (hidden)} in its place, and no message
 * of this library repeats it.
 *
 * @param url the server; its scheme picks gRPC or XML-RPC, with or without TLS
 * @param caFile PEM CA certificate to trust (unused without TLS)
 * @param clientCertificate PEM certificate chain to present for mutual TLS, or null
 * @param clientKey its PKCS#8 PEM private key, null exactly when {@code clientCertificate} is
 * @param timeout the longest wait for one call (for a listing, for the whole listing)
 * @param token sent with every call as {@code authorization: Bearer TOKEN}, or null to send none;
 *     opaque here, it must only fit in a header: printable ASCII, no spaces
 */
public record ClientSettings(
    ServerUrl url,
    Path caFile,
    Path clientCertificate,
    Path clientKey,
    Duration timeout,
    String token) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final String HIDDEN = "(hidden)";

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
    if (token != null && !fitsInAHeader(token)) {
      // The message never quotes the token: it may be a real one, one typo away.
      throw new IllegalArgumentException(
          "a token must be printable ASCII without spaces or line breaks, and not empty");
    }
  }

  /** Visible ASCII only: anything else could end the header early or be refused by the peer. */
  private static boolean fitsInAHeader(String token) {
    return !token.isEmpty() && token.chars().allMatch(c -> c > ' ' && c < 0x7f);
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
        DEFAULT_TIMEOUT,
        null);
  }

  /** The same settings trusting another CA certificate. */
  public ClientSettings withCaFile(Path ca) {
    return new ClientSettings(url, ca, clientCertificate, clientKey, timeout, token);
  }

  /** The same settings presenting this certificate chain and key (mutual TLS). */
  public ClientSettings withClientCertificate(Path chain, Path key) {
    return new ClientSettings(url, caFile, chain, key, timeout, token);
  }

  /** The same settings with another limit on each call. */
  public ClientSettings withTimeout(Duration callTimeout) {
    return new ClientSettings(url, caFile, clientCertificate, clientKey, callTimeout, token);
  }

  /**
   * The same settings sending this token with every call, or none when it is null.
   *
   * @throws IllegalArgumentException when the token cannot travel in a header; the message does not
   *     repeat it
   */
  public ClientSettings withToken(String bearerToken) {
    return new ClientSettings(url, caFile, clientCertificate, clientKey, timeout, bearerToken);
  }

  /** True when a client certificate is to be presented. */
  public boolean mutualTls() {
    return clientCertificate != null;
  }

  /**
   * {@code text} with every occurrence of the token replaced by {@code (hidden)}: for a message
   * made of what a server sent back, which might echo the token.
   */
  public String hideToken(String text) {
    return token == null || text == null ? text : text.replace(token, HIDDEN);
  }

  /** The settings as the record would show them, with {@code (hidden)} for a token. */
  @Override
  public String toString() {
    return "ClientSettings[url="
        + url
        + ", caFile="
        + caFile
        + ", clientCertificate="
        + clientCertificate
        + ", clientKey="
        + clientKey
        + ", timeout="
        + timeout
        + ", token="
        + (token == null ? "none" : HIDDEN)
        + "]";
  }
}
