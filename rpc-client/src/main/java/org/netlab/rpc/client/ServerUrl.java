package org.netlab.rpc.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
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
 *
 * <p>A URL may name several servers of one service, which a client spreads its calls over and fails
 * over between: a comma-separated list, each item a whole URL of the same scheme and path or only
 * {@code host[:port]} ({@code grpcs://h1:50051,h2:50051}, {@code
 * https://h1:8443/RPC2,https://h2:8443/RPC2}); or, for gRPC, a DNS name whose every address is a
 * server, resolved again whenever a connection ends ({@code grpcs://dns:///name:50051}).
 *
 * @param addresses the servers, in the order given; one, a name to resolve, with {@link
 *     Discovery#DNS}
 */
public record ServerUrl(
    Protocol protocol, boolean tls, List<Address> addresses, String path, Discovery discovery) {
  /** The local server over gRPC with TLS, as {@code bin/rpc-server} starts it. */
  public static final String DEFAULT = "grpcs://localhost:" + DefaultAddresses.GRPC_PORT;

  /** The environment variable that replaces {@link #DEFAULT}; {@code --server} wins over it. */
  public static final String ENVIRONMENT_VARIABLE = "RPC_SERVER";

  private static final String SCHEMES = "grpcs://, grpc://, https:// or http://";

  private static final String DNS_PREFIX = "dns:///";

  /** The two ways of carrying a call. */
  public enum Protocol {
    GRPC,
    XML_RPC
  }

  /** How the servers are found: the list as given, or every address a DNS name resolves to. */
  public enum Discovery {
    LIST,
    DNS
  }

  /** One server's host and port. */
  public record Address(String host, int port) {
    public Address {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host is missing");
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
      }
    }

    /** {@code host:port}, an IPv6 host in brackets. */
    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  public ServerUrl {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(discovery, "discovery");
    addresses = List.copyOf(addresses);
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("host is missing");
    }
    if (protocol == Protocol.GRPC && !path.isEmpty()) {
      throw new IllegalArgumentException("a gRPC URL takes no path");
    }
    if (protocol == Protocol.XML_RPC && !path.startsWith("/")) {
      throw new IllegalArgumentException("an XML-RPC path must start with '/'");
    }
    if (discovery == Discovery.DNS && (protocol != Protocol.GRPC || addresses.size() != 1)) {
      throw new IllegalArgumentException("only a gRPC URL names its servers by DNS, with one name");
    }
  }

  /** A URL of one server. */
  public ServerUrl(Protocol protocol, boolean tls, String host, int port, String path) {
    this(protocol, tls, List.of(new Address(host, port)), path, Discovery.LIST);
  }

  /** The first server's host (the name to resolve, with DNS). */
  public String host() {
    return addresses.get(0).host();
  }

  /** The first server's port. */
  public int port() {
    return addresses.get(0).port();
  }

  /** Whether calls may go to more than one server: a list of several, or a DNS name. */
  public boolean severalServers() {
    return addresses.size() > 1 || discovery == Discovery.DNS;
  }

  /** A URL of each server of the list, in its order. */
  public List<ServerUrl> each() {
    return addresses.stream()
        .map(a -> new ServerUrl(protocol, tls, a.host(), a.port(), path))
        .toList();
  }

  /**
   * Parses a server URL, or a comma-separated list of them.
   *
   * @throws IllegalArgumentException with a message fit for a person when the text is not one of
   *     the four schemes with a host, an optional port and (XML-RPC only) an optional path
   */
  public static ServerUrl parse(String text) {
    Objects.requireNonNull(text, "text");
    String[] items = text.strip().split(",", -1);
    ServerUrl first = parseOne(items[0].strip(), text);
    if (items.length == 1) {
      return first;
    }
    if (first.discovery == Discovery.DNS) {
      throw new IllegalArgumentException(
          "'" + text + "' mixes a DNS name with a list; give one or the other");
    }
    List<Address> addresses = new ArrayList<>();
    for (String item : items) {
      String trimmed = item.strip();
      if (trimmed.isEmpty()) {
        throw new IllegalArgumentException("'" + text + "' has an empty item in its list");
      }
      ServerUrl one =
          trimmed.contains("://")
              ? parseOne(trimmed, text)
              : parseOne(
                  first.scheme() + "://" + trimmed + (trimmed.contains("/") ? "" : first.path),
                  text);
      if (one.protocol != first.protocol
          || one.tls != first.tls
          || !one.path.equals(first.path)
          || one.discovery != Discovery.LIST) {
        throw new IllegalArgumentException(
            "the servers of '"
                + text
                + "' must share one scheme and path, as "
                + first.scheme()
                + "://HOST:PORT"
                + first.path);
      }
      if (addresses.contains(one.addresses.get(0))) {
        throw new IllegalArgumentException(
            "'" + text + "' names " + one.addresses.get(0) + " twice");
      }
      addresses.add(one.addresses.get(0));
    }
    return new ServerUrl(first.protocol, first.tls, addresses, first.path, Discovery.LIST);
  }

  /** One URL of the list {@code whole}, which messages name. */
  private static ServerUrl parseOne(String text, String whole) {
    int schemeEnd = text.indexOf("://");
    if (schemeEnd > 0 && text.startsWith(DNS_PREFIX, schemeEnd + 3)) {
      ServerUrl named =
          parseOne(
              text.substring(0, schemeEnd + 3)
                  + text.substring(schemeEnd + 3 + DNS_PREFIX.length()),
              whole);
      if (named.protocol != Protocol.GRPC) {
        throw new IllegalArgumentException(
            "'" + whole + "': only gRPC URLs resolve their servers by DNS");
      }
      return new ServerUrl(named.protocol, named.tls, named.addresses, "", Discovery.DNS);
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "'" + whole + "' is not a URL; expected for example " + DEFAULT);
    }
    if (uri.getScheme() == null || uri.isOpaque()) {
      throw new IllegalArgumentException(
          "'"
              + whole
              + "' has no scheme; start it with "
              + SCHEMES
              + " (for example "
              + DEFAULT
              + ")");
    }
    if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          "'" + whole + "' may hold only a scheme, a host, a port and a path");
    }
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException(
          "'" + whole + "' has no host (or a malformed one); expected for example " + DEFAULT);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
      case "grpcs" -> grpc(whole, true, host, uri.getPort(), path);
      case "grpc" -> grpc(whole, false, host, uri.getPort(), path);
      case "https" ->
          xmlRpc(true, host, port(uri.getPort(), DefaultAddresses.XML_RPC_TLS_PORT), path);
      case "http" ->
          xmlRpc(false, host, port(uri.getPort(), DefaultAddresses.XML_RPC_PLAINTEXT_PORT), path);
      default ->
          throw new IllegalArgumentException(
              "unknown scheme '" + uri.getScheme() + "' in '" + whole + "'; use " + SCHEMES);
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
   * The URL in its full form, e.g. {@code grpcs://127.0.0.1:50051}, {@code
   * grpcs://10.0.0.1:50051,10.0.0.2:50051}, {@code https://a:8443/RPC2,https://b:8443/RPC2} or
   * {@code grpcs://dns:///rpc.example:50051}; {@link #parse} reads it back.
   */
  @Override
  public String toString() {
    StringJoiner servers = new StringJoiner(",");
    for (Address address : addresses) {
      servers.add(
          protocol == Protocol.XML_RPC ? scheme() + "://" + address + path : address.toString());
    }
    return protocol == Protocol.XML_RPC
        ? servers.toString()
        : scheme() + "://" + (discovery == Discovery.DNS ? DNS_PREFIX : "") + servers;
  }
}
