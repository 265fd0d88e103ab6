package org.netlab.rpc.client.grpc;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.netlab.datadir.DataDirectory;

/**
 * Where and how a gRPC client connects.
 *
 * @param host server name or address; TLS checks the server certificate against it
 * @param port server port
 * @param plaintext no TLS (only for servers started with {@code --plaintext})
 * @param caFile the CA certificate that must have signed the server's certificate
 * @param clientChain client certificate chain for mutual TLS; null for none
 * @param clientKey PKCS#8 PEM key of {@code clientChain}; null exactly when it is null
 * @param timeout deadline of each call (for ListEntries, of the whole stream)
 */
public record GrpcClientSettings(
    String host,
    int port,
    boolean plaintext,
    Path caFile,
    Path clientChain,
    Path clientKey,
    Duration timeout) {
  public static final int DEFAULT_PORT = 50051;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public GrpcClientSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(timeout, "timeout");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
    }
    if (!plaintext && caFile == null) {
      throw new IllegalArgumentException("a CA file is needed to trust the server over TLS");
    }
    if ((clientChain == null) != (clientKey == null)) {
      throw new IllegalArgumentException(
          "a client certificate needs its key, and a key its certificate");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, not " + timeout);
    }
  }

  /**
   * Settings for {@code grpcs://HOST[:PORT]} (TLS, trusting the CA of the local server's default
   * data directory) or {@code grpc://HOST[:PORT]} (plaintext), with the default timeout and no
   * client certificate.
   */
  public static GrpcClientSettings forUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + url, e);
    }
    String scheme = uri.getScheme();
    if (!"grpcs".equals(scheme) && !"grpc".equals(scheme)) {
      throw new IllegalArgumentException(
          "a gRPC URL starts with grpcs:// (TLS) or grpc:// (plaintext): " + url);
    }
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException("no host in " + url);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    boolean plaintext = "grpc".equals(scheme);
    Path ca = plaintext ? null : DataDirectory.caFile(DataDirectory.defaultPath());
    return new GrpcClientSettings(host, port, plaintext, ca, null, null, DEFAULT_TIMEOUT);
  }

  public GrpcClientSettings withCaFile(Path ca) {
    return new GrpcClientSettings(host, port, plaintext, ca, clientChain, clientKey, timeout);
  }

  /** Presents this certificate chain and key to servers that ask for one (mutual TLS). */
  public GrpcClientSettings withClientCertificate(Path chain, Path key) {
    return new GrpcClientSettings(host, port, plaintext, caFile, chain, key, timeout);
  }

  public GrpcClientSettings withTimeout(Duration callTimeout) {
    return new GrpcClientSettings(
        host, port, plaintext, caFile, clientChain, clientKey, callTimeout);
  }

  /** The URL these settings reach, e.g. {@code grpcs://127.0.0.1:50051}. */
  public String url() {
    String printableHost = host.contains(":") ? "[" + host + "]" : host;
    return (plaintext ? "grpc" : "grpcs") + "://" + printableHost + ":" + port;
  }
}
