package org.netlab.rpc.client.xmlrpc;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.netlab.datadir.DataDirectory;

/**
 * Where and how an XML-RPC client calls.
 *
 * @param url {@code https://host:port/RPC2}, or {@code http://...} for a plaintext server
 * @param caFile the CA certificate (PEM) that the server's certificate must chain to
 * @param certificateChain the client's certificate chain for mutual TLS, or null
 * @param privateKey the client's PKCS#8 key for mutual TLS, or null
 * @param connectTimeout how long to wait for a connection
 * @param replyTimeout how long to wait for an answer once the call is sent
 */
public record XmlRpcClientSettings(
    URI url,
    Path caFile,
    Path certificateChain,
    Path privateKey,
    Duration connectTimeout,
    Duration replyTimeout) {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(30);

  public XmlRpcClientSettings {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme();
    if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException(
          "an XML-RPC URL starts with https:// or http://, not " + url);
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("the XML-RPC URL " + url + " names no host");
    }
    Objects.requireNonNull(caFile, "caFile");
    if ((certificateChain == null) != (privateKey == null)) {
      throw new IllegalArgumentException(
          "a client certificate needs its key and a key needs its certificate");
    }
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("replyTimeout", replyTimeout);
  }

  /** Settings for a URL, trusting the CA of the default data directory, default timeouts. */
  public static XmlRpcClientSettings forUrl(URI url) {
    return new XmlRpcClientSettings(
        url,
        DataDirectory.caFile(DataDirectory.defaultPath()),
        null,
        null,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REPLY_TIMEOUT);
  }

  public XmlRpcClientSettings withCaFile(Path file) {
    return new XmlRpcClientSettings(
        url, file, certificateChain, privateKey, connectTimeout, replyTimeout);
  }

  public XmlRpcClientSettings withClientCertificate(Path chain, Path key) {
    return new XmlRpcClientSettings(url, caFile, chain, key, connectTimeout, replyTimeout);
  }

  public XmlRpcClientSettings withTimeouts(Duration connect, Duration reply) {
    return new XmlRpcClientSettings(url, caFile, certificateChain, privateKey, connect, reply);
  }

  public boolean tls() {
    return "https".equalsIgnoreCase(url.getScheme());
  }

  private static void requirePositive(String name, Duration value) {
    if (Objects.requireNonNull(value, name).isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }
}
