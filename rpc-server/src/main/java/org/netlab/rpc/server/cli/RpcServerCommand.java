package org.netlab.rpc.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.LoggingOptions;
import org.netlab.cli.StandardCommandLine;
import org.netlab.cli.VersionProvider;
import org.netlab.datadir.DataDirectory;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.phonebook.store.CommitListener;
import org.netlab.phonebook.store.JdbcStore;
import org.netlab.rpc.contract.DefaultAddresses;
import org.netlab.rpc.server.Endpoint;
import org.netlab.rpc.server.RpcServer;
import org.netlab.rpc.server.ServerTls;
import org.netlab.rpc.server.WebRoutes;
import org.netlab.rpc.server.access.AdminToken;
import org.netlab.rpc.server.access.ServerAccess;
import org.netlab.rpc.server.grpc.GrpcEndpoint;
import org.netlab.rpc.server.grpc.GrpcEndpointSettings;
import org.netlab.rpc.server.http.HttpRoute;
import org.netlab.rpc.server.metrics.CallMeters;
import org.netlab.rpc.server.metrics.MetricsRoute;
import org.netlab.rpc.server.metrics.ServerMetrics;
import org.netlab.rpc.server.xmlrpc.XmlRpcEndpoint;
import org.netlab.rpc.server.xmlrpc.XmlRpcLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rpc-server}: serves the Calculator and Phonebook until stopped (SIGTERM or Ctrl-C), with
 * TLS unless {@code --plaintext}.
 */
@Command(
    name = "rpc-server",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Serves the Calculator and Phonebook over gRPC and XML-RPC, with TLS by default.",
    sortOptions = false,
    subcommands = {TokenCommand.class, AuditCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  rpc-server                                     # grpcs://127.0.0.1:50051 and https://127.0.0.1:8443/RPC2",
      "  rpc-server --bind 0.0.0.0 --client-ca ca.pem   # every interface, mutual TLS",
      "  rpc-server --store 'jdbc:postgresql://db/netlab?user=u&password=p'",
      "  rpc-server --metrics-public                    # anyone may read /metrics (Prometheus)",
      "  rpc-server token create alice --role writer    # prints alice's token once",
      "  rpc-server audit -n 20                         # the last 20 audited calls"
    })
public final class RpcServerCommand implements Callable<Integer> {
  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 or :: for all).")
  String bind = "127.0.0.1";

  @Option(
      names = "--grpc-port",
      paramLabel = "PORT",
      description = "gRPC port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int grpcPort = DefaultAddresses.GRPC_PORT;

  @Option(
      names = "--xmlrpc-port",
      paramLabel = "PORT",
      description = {
        "XML-RPC port, path " + DefaultAddresses.XML_RPC_PATH + "; 0 picks a free one",
        "(default: "
            + DefaultAddresses.XML_RPC_TLS_PORT
            + ", or "
            + DefaultAddresses.XML_RPC_PLAINTEXT_PORT
            + " with --plaintext)."
      })
  Integer xmlRpcPort;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = {
        "Server certificate chain, leaf first",
        "(default: issued by the local CA in DIR/tls)."
      })
  Path tlsCertificate;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description = "PKCS#8 private key of --tls-cert.")
  Path tlsKey;

  @Option(
      names = "--client-ca",
      paramLabel = "PEM",
      description = "Require client certificates signed by this CA (mutual TLS).")
  Path clientCa;

  @Option(
      names = "--plaintext",
      description = "Serve without TLS (for debugging on a trusted host only).")
  boolean plaintext;

  @Mixin StoreOptions store;

  @Mixin AccessOptions access;

  @Mixin MetricsOptions metrics;

  @Mixin FleetOptions fleet;

  @Mixin LoggingOptions logging;

  @Spec CommandSpec spec;

  private Consumer<RpcServer> onStarted = server -> {};

  /** The running server's metrics; empty with --metrics off. */
  private Optional<ServerMetrics> meters = Optional.empty();

  public static void main(String[] args) {
    RpcServerCommand command = new RpcServerCommand();
    command.onStarted =
        server ->
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "rpc-server-stop"));
    System.exit(commandLine(command).execute(args));
  }

  /** The command line of {@code command}, printing start-up failures as one line. */
  static CommandLine commandLine(RpcServerCommand command) {
    CommandLine line = new CommandLine(command);
    line.setExecutionExceptionHandler(
        (failure, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          int status;
          if (failure instanceof CannotServe cannotServe) {
            err.println("rpc-server: " + cannotServe.getMessage());
            status = ExitCodes.CANNOT_SERVE;
          } else if (failure instanceof ServiceException refused) {
            err.println("rpc-server: " + refused.getMessage());
            status = ExitCodes.REFUSED;
          } else if (failure instanceof InterruptedException) {
            err.println("rpc-server: interrupted");
            status = ExitCodes.INTERRUPTED;
          } else {
            err.println("rpc-server: internal error: " + failure + " (please report it)");
            status = ExitCodes.INTERNAL;
          }
          err.flush();
          return status;
        });
    return StandardCommandLine.configure(line);
  }

  /** Called with the running server, before {@link #call()} blocks until it is closed. */
  void onStarted(Consumer<RpcServer> action) {
    onStarted = action;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (plaintext && (tlsCertificate != null || tlsKey != null || clientCa != null)) {
      throw new ParameterException(
          spec.commandLine(), "--plaintext cannot be combined with TLS options");
    }
    if ((tlsCertificate == null) != (tlsKey == null)) {
      throw new ParameterException(
          spec.commandLine(), "--tls-cert and --tls-key must be given together");
    }
    if (access.clientRoles != null && clientCa == null) {
      throw new ParameterException(
          spec.commandLine(), "--client-roles needs --client-ca: only verified certificates count");
    }
    if (metrics.open && !metrics.enabled()) {
      throw new ParameterException(spec.commandLine(), "--metrics-public needs --metrics on");
    }
    String servedBy;
    try {
      servedBy = fleet.servedBy();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--served-by: " + e.getMessage());
    }
    logging.apply();
    meters = metrics.create();
    try {
      return serve(servedBy);
    } finally {
      meters.ifPresent(ServerMetrics::close);
    }
  }

  /** Opens the store, starts the endpoints and blocks until the server is closed. */
  private int serve(String servedBy) throws InterruptedException {
    Logger log = LoggerFactory.getLogger(RpcServerCommand.class);

    InetAddress address = bindAddress();
    ServerTls tls = plaintext ? null : tls();
    JdbcStore opened =
        store.open(meters.map(ServerMetrics::storeCommits).orElse(CommitListener.NONE));
    ServerAccess callers;
    Optional<Path> adminToken;
    try {
      callers = serverAccess(opened);
      adminToken =
          access.checking()
              ? AdminToken.createIfFirstStart(callers.tokens(), dataDir())
              : Optional.empty();
    } catch (IOException | RuntimeException e) {
      opened.close();
      if (e instanceof ParameterException usage) {
        throw usage;
      }
      // "cannot write the admin token to ...", or the store's own words.
      throw new CannotServe(e.getMessage(), e);
    }
    List<Endpoint> endpoints;
    try {
      endpoints =
          endpoints(address, tls, new FiniteCalculator(), opened.phonebook(), callers, servedBy);
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw new CannotServe("cannot set up the endpoints: " + e.getMessage(), e);
    }
    RpcServer server = new RpcServer(endpoints, opened, fleet.drainDelay);
    try {
      server.start();
    } catch (IOException e) {
      // The message names the endpoint and the address: "cannot listen for gRPC on ...".
      throw new CannotServe(e.getMessage(), e);
    }

    log.info("rpc-server started{}", tls != null && tls.files().mutual() ? " (mutual TLS)" : "");
    server.urls().forEach(url -> log.info("  endpoint  {}", url));
    log.info("  data dir  {}", dataDir().toAbsolutePath());
    log.info("  store     {}", opened.description());
    log.info("  served by {}", servedBy);
    if (tls == null) {
      log.warn("  TLS is off (--plaintext): calls travel in clear text");
    } else if (tls.localCa() != null) {
      log.info("  CA        {} (clients trust this file)", tls.localCa().toAbsolutePath());
    } else {
      log.info("  TLS       {}", tls.files().chain().toAbsolutePath());
    }
    if (tls != null && tls.files().mutual()) {
      log.info("  client CA {}", tls.files().clientCa().toAbsolutePath());
    }
    if (meters.isPresent()) {
      log.info("  metrics   {} for {}", metricsUrl(server), metrics.readers(access.checking()));
    }
    AccessBanner.print(log, access, adminToken, DataDirectory.adminTokenFile(dataDir()));
    onStarted.accept(server);
    server.awaitClosed();
    return 0;
  }

  private Path dataDir() {
    return store.dataDir();
  }

  private ServerAccess serverAccess(JdbcStore opened) {
    try {
      return access.access(opened);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "--client-roles: " + e.getMessage());
    }
  }

  private List<Endpoint> endpoints(
      InetAddress address,
      ServerTls tls,
      Calculator calculator,
      Phonebook phonebook,
      ServerAccess callers,
      String servedBy)
      throws IOException {
    CallMeters calls = meters.map(ServerMetrics::calls).orElse(CallMeters.NONE);
    GrpcEndpointSettings grpcSettings =
        new GrpcEndpointSettings(
            new InetSocketAddress(address, grpcPort), tls == null ? null : tls.files());
    GrpcEndpoint grpc =
        new GrpcEndpoint(
            grpcSettings
                .withServedBy(servedBy)
                .withConnectionLimits(
                    grpcSettings.connectionLimits().withMaxConnectionAge(fleet.maxConnectionAge)),
            calculator,
            phonebook,
            callers,
            calls);
    XmlRpcEndpoint xmlRpc =
        new XmlRpcEndpoint(
            new InetSocketAddress(
                address, xmlRpcPort != null ? xmlRpcPort : DefaultAddresses.xmlRpcPort(!plaintext)),
            tls == null ? null : tls.files(),
            calculator,
            phonebook,
            callers,
            XmlRpcLimits.defaults(),
            webRoutes(calculator, phonebook, callers, calls),
            calls,
            servedBy);
    meters.ifPresent(
        serverMetrics -> {
          serverMetrics.countOpenConnections("grpc", grpc::openConnections);
          serverMetrics.countOpenConnections("xmlrpc", xmlRpc::openConnections);
        });
    return List.of(grpc, xmlRpc);
  }

  /** What the HTTPS port serves beside XML-RPC: the gateway, the console, and metrics if on. */
  private List<HttpRoute> webRoutes(
      Calculator calculator, Phonebook phonebook, ServerAccess callers, CallMeters calls)
      throws IOException {
    List<HttpRoute> routes =
        new ArrayList<>(WebRoutes.standard(calculator, phonebook, callers, calls));
    meters.map(m -> metrics.route(m, callers.gatekeeper())).ifPresent(routes::add);
    return routes;
  }

  /** Where the metrics are: the XML-RPC endpoint's host and port. */
  private static URI metricsUrl(RpcServer server) {
    String xmlRpcUrl =
        server.urls().stream()
            .filter(url -> url.endsWith(DefaultAddresses.XML_RPC_PATH))
            .findFirst()
            .orElseThrow();
    return URI.create(xmlRpcUrl).resolve(MetricsRoute.PATH);
  }

  private InetAddress bindAddress() {
    try {
      return InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new ParameterException(
          spec.commandLine(), "--bind: no such address or host name: " + bind);
    }
  }

  /**
   * The TLS files, checked now. A file named by an option that cannot be used is a usage error; the
   * local CA in the data directory that cannot be used means the server cannot serve.
   */
  private ServerTls tls() {
    try {
      return ServerTls.resolve(tlsCertificate, tlsKey, clientCa, dataDir());
    } catch (IOException | RuntimeException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      for (Path given : new Path[] {tlsCertificate, tlsKey, clientCa}) {
        if (given != null && reason.contains(given.toString())) {
          throw new ParameterException(spec.commandLine(), reason);
        }
      }
      throw new CannotServe(reason, e);
    }
  }
}
