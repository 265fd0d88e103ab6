package org.netlab.rpc.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.netlab.access.AccessSettings;
import org.netlab.datadir.DataDirectory;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.phonebook.store.JdbcStore;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.server.access.AdminToken;
import org.netlab.rpc.server.access.ServerAccess;
import org.netlab.rpc.server.grpc.GrpcEndpoint;
import org.netlab.rpc.server.grpc.GrpcEndpointSettings;
import org.netlab.rpc.server.http.HttpRoute;
import org.netlab.rpc.server.metrics.MetricsRoute;
import org.netlab.rpc.server.metrics.ServerMetrics;
import org.netlab.rpc.server.xmlrpc.XmlRpcEndpoint;
import org.netlab.rpc.server.xmlrpc.XmlRpcLimits;

/**
 * The real server, composed as {@code rpc-server} composes it (gRPC and XML-RPC over one store,
 * metrics at {@code /metrics} for readers), on 127.0.0.1 with free ports, its store and generated
 * CA in a test's data directory.
 */
public final class LoopbackServer implements AutoCloseable {
  private final RpcServer server;
  private final JdbcStore store;
  private final ServerAccess access;
  private final String adminToken;
  private final ServerTls tls;
  private final GrpcEndpoint grpc;
  private final XmlRpcEndpoint xmlRpc;
  private final ServerMetrics metrics;

  private LoopbackServer(
      RpcServer server,
      JdbcStore store,
      ServerAccess access,
      String adminToken,
      ServerTls tls,
      GrpcEndpoint grpc,
      XmlRpcEndpoint xmlRpc,
      ServerMetrics metrics) {
    this.metrics = metrics;
    this.server = server;
    this.store = store;
    this.access = access;
    this.adminToken = adminToken;
    this.tls = tls;
    this.grpc = grpc;
    this.xmlRpc = xmlRpc;
  }

  /** TLS with the local CA of {@code dataDir}; mutual when {@code clientCa} is not null. */
  public static LoopbackServer start(Path dataDir, Path clientCa) throws IOException {
    return start(dataDir, clientCa, AccessSettings.defaults());
  }

  /**
   * TLS with the local CA of {@code dataDir}, mutual when {@code clientCa} is not null, checking
   * callers with {@code settings} (certificate roles, rate limits) rather than the defaults.
   */
  public static LoopbackServer start(Path dataDir, Path clientCa, AccessSettings settings)
      throws IOException {
    ServerTls tls = ServerTls.resolve(null, null, clientCa, dataDir);
    return start(dataDir, tls, settings);
  }

  public static LoopbackServer start(Path dataDir) throws IOException {
    return start(dataDir, (Path) null);
  }

  /** No TLS, as with {@code --plaintext}. */
  public static LoopbackServer startPlaintext(Path dataDir) throws IOException {
    return start(dataDir, (ServerTls) null, AccessSettings.defaults());
  }

  private static LoopbackServer start(Path dataDir, ServerTls tls, AccessSettings settings)
      throws IOException {
    ServerMetrics metrics = new ServerMetrics();
    JdbcStore store = JdbcStore.openEmbedded(dataDir, metrics.storeCommits());
    // As the real server starts: callers checked, and an admin token made on the first start.
    ServerAccess access = ServerAccess.checking(settings, store.tokens(), store.audit());
    AdminToken.createIfFirstStart(access.tokens(), dataDir);
    String adminToken =
        Files.readString(DataDirectory.adminTokenFile(dataDir), StandardCharsets.US_ASCII).strip();
    FiniteCalculator calculator = new FiniteCalculator();
    GrpcEndpoint grpc =
        new GrpcEndpoint(
            new GrpcEndpointSettings(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                tls == null ? null : tls.files()),
            calculator,
            store.phonebook(),
            access,
            metrics.calls());
    XmlRpcEndpoint xmlRpc =
        new XmlRpcEndpoint(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            tls == null ? null : tls.files(),
            calculator,
            store.phonebook(),
            access,
            XmlRpcLimits.defaults(),
            routes(calculator, store.phonebook(), access, metrics),
            metrics.calls());
    metrics.countOpenConnections("grpc", grpc::openConnections);
    metrics.countOpenConnections("xmlrpc", xmlRpc::openConnections);
    RpcServer server = new RpcServer(List.of(grpc, xmlRpc), store);
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      metrics.close();
      throw e;
    }
    return new LoopbackServer(server, store, access, adminToken, tls, grpc, xmlRpc, metrics);
  }

  /** The real server's routes beside XML-RPC: the gateway, the console, and metrics for readers. */
  private static List<HttpRoute> routes(
      Calculator calculator, Phonebook phonebook, ServerAccess access, ServerMetrics metrics)
      throws IOException {
    List<HttpRoute> routes =
        new ArrayList<>(WebRoutes.standard(calculator, phonebook, access, metrics.calls()));
    routes.add(MetricsRoute.checkedBy(metrics, access.gatekeeper()));
    return routes;
  }

  /** Client settings for the gRPC endpoint that trust this server's CA, with the admin token. */
  public ClientSettings clientSettings() {
    return trusting(ClientSettings.forUrl(grpc.url())).withToken(adminToken);
  }

  /** Client settings for the XML-RPC endpoint that trust this server's CA, with the admin token. */
  public ClientSettings xmlRpcClientSettings() {
    return trusting(ClientSettings.forUrl(xmlRpc.url())).withToken(adminToken);
  }

  /** The admin token made on the first start, which {@code DIR/admin.token} holds. */
  public String adminToken() {
    return adminToken;
  }

  /** The access checks of both endpoints: its token administration makes tokens for tests. */
  public ServerAccess access() {
    return access;
  }

  private ClientSettings trusting(ClientSettings settings) {
    return tls == null ? settings : settings.withCaFile(tls.localCa());
  }

  public Path caFile() {
    return tls.localCa();
  }

  public int port() {
    return grpc.port();
  }

  public String url() {
    return grpc.url();
  }

  /** The server's certificate chain, leaf first, as its TLS endpoints present it. */
  public Path certificateChain() {
    return tls.files().chain();
  }

  /** Where the HTTPS port serves {@code path}, e.g. {@code https://127.0.0.1:PORT/console/}. */
  public URI webUrl(String path) {
    return xmlRpc.uri().resolve(path);
  }

  /** The XML-RPC endpoint's URL, e.g. {@code https://127.0.0.1:PORT/RPC2}. */
  public String xmlRpcUrl() {
    return xmlRpc.url();
  }

  /**
   * The HTTPS port's root, where the JSON gateway's paths begin: {@code https://127.0.0.1:PORT}.
   */
  public String httpsBaseUrl() {
    String root = webUrl("/").toString();
    return root.substring(0, root.length() - 1);
  }

  /** Where the metrics are read, e.g. {@code https://127.0.0.1:PORT/metrics}. */
  public URI metricsUrl() {
    return xmlRpc.uri().resolve(MetricsRoute.PATH);
  }

  public JdbcStore store() {
    return store;
  }

  public GrpcEndpoint grpc() {
    return grpc;
  }

  /**
   * What a stopping server does first: every endpoint's health turns NOT_SERVING, and HTTP answers
   * say {@code Connection: close}.
   */
  public void beginDrain() {
    grpc.beginDrain();
    xmlRpc.beginDrain();
  }

  @Override
  public void close() {
    server.close();
    metrics.close();
  }
}
