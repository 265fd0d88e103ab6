package org.netlab.rpc.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import org.netlab.rpc.contract.DefaultAddresses;

/**
 * Where the server is and how to speak to it: the scheme picks the protocol and whether TLS is
 * used.
 *
 * <table>
 *   <caption>Schemes</caption>
 *   <tr><th>scheme</th><th>protocol</th><th>TLS</th><th>default port</th></tr>
 *   <tr><td>{@code grpcs}</td><td>gRPC</td><td>yes</td><td>50051</td></tr>
 *   <tr><td>{@code grpc}</td><td>gRPC</td><td>no</td><td>50051</td></tr>
 *   <tr><td>{@code https}</td><td>XML-RPC</td><td>yes</td><td>8443</td></tr>
 *   <tr><td>{@code http}</td><td>XML-RPC</td><td>no</td><td>8080</td></tr>
 * </table>
 *
 * <p>XML-RPC URLs carry a path, {@code /RPC2} when none is given; gRPC URLs take none.
 */
public record ServerUrl(Protocol protocol, boolean tls, String host, int port, String path) {
  /** The local server over gRPC with TLS, as {@code bin/rpc-server} starts it. */
  public static final String DEFAULT = "grpcs://localhost:" + DefaultAddresses.GRPC_PORT;

  /** The environment variable that replaces {@link #DEFAULT}; {@code --server} wins over it. */
  public static final String ENVIRONMENT_VARIABLE = "RPC_SERVER";

  private static final String SCHEMES = "grpcs://, grpc://, https:// or http://";

  /** The two ways of carrying a call. */
  public enum Protocol {
    GRPC,
    XML_RPC
  }

  public ServerUrl {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(path, "path");
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is missing");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
    }
    if (protocol == Protocol.GRPC && !path.isEmpty()) {
      throw new IllegalArgumentException("a gRPC URL takes no path");
    }
    if (protocol == Protocol.XML_RPC && !path.startsWith("/")) {
      throw new IllegalArgumentException("an XML-RPC path must start with '/'");
    }
  }

  /**
   * Parses a server URL.
   *
   * @throws IllegalArgumentException with a message fit for a person when the text is not one of
   *     the four schemes with a host, an optional port and (XML-RPC only) an optional path
   */
  public static ServerUrl parse(String text) {
    Objects.requireNonNull(text, "text");
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a URL; expected for example " + DEFAULT);
    }
    if (uri.getScheme() == null || uri.isOpaque()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' has no scheme; start it with "
              + SCHEMES
              + " (for example "
              + DEFAULT
              + ")");
    }
    if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          "'" + text + "' may hold only a scheme, a host, a port and a path");
    }
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException(
          "'" + text + "' has no host (or a malformed one); expected for example " + DEFAULT);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
      case "grpcs" -> grpc(text, true, host, uri.getPort(), path);
      case "grpc" -> grpc(text, false, host, uri.getPort(), path);
      case "https" ->
          xmlRpc(true, host, port(uri.getPort(), DefaultAddresses.XML_RPC_TLS_PORT), path);
      case "http" ->
          xmlRpc(false, host, port(uri.getPort(), DefaultAddresses.XML_RPC_PLAINTEXT_PORT), path);
      default ->
          throw new IllegalArgumentException(
              "unknown scheme '" + uri.getScheme() + "' in '" + text + "'; use " + SCHEMES);
    };
  }

  private static ServerUrl grpc(String text, boolean tls, String host, int port, String path) {
    if (!path.isEmpty() && !path.equals("/")) {
      throw new IllegalArgumentException(
          "a gRPC URL takes no path, but '" + text + "' has '" + path + "'");
    }
    return new ServerUrl(Protocol.GRPC, tls, host, port(port, DefaultAddresses.GRPC_PORT), "");
  }

  private static ServerUrl xmlRpc(boolean tls, String host, int port, String path) {
    return new ServerUrl(
        Protocol.XML_RPC,
        tls,
        host,
        port,
        path.isEmpty() || path.equals("/") ? DefaultAddresses.XML_RPC_PATH : path);
  }

  private static int port(int given, int fallback) {
    return given == -1 ? fallback : given;
  }

  /**
   * The URL to use: {@code --server} when given, else the environment variable, else {@link
   * #DEFAULT}. A blank environment variable counts as unset.
   */
  public static ServerUrl choose(String option, String environmentValue) {
    if (option != null) {
      return parse(option);
    }
    if (environmentValue != null && !environmentValue.isBlank()) {
      return parse(environmentValue);
    }
    return parse(DEFAULT);
  }

  /** The scheme as typed in a URL. */
  public String scheme() {
    return switch (protocol) {
      case GRPC -> tls ? "grpcs" : "grpc";
      case XML_RPC -> tls ? "https" : "http";
    };
  }

  /**
   * The URL in its full form, e.g. {@code grpcs://127.0.0.1:50051}; {@link #parse} reads it back.
   */
  @Override
  public String toString() {
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    return scheme() + "://" + shownHost + ":" + port + path;
  }
}
