package org.netlab.rpc.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.netlab.datadir.DataDirectory;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.phonebook.store.JdbcPhonebook;
import org.netlab.rpc.contract.DefaultAddresses;
import org.netlab.rpc.server.Endpoint;
import org.netlab.rpc.server.RpcServer;
import org.netlab.rpc.server.ServerTls;
import org.netlab.rpc.server.grpc.GrpcEndpoint;
import org.netlab.rpc.server.grpc.GrpcEndpointSettings;
import org.netlab.rpc.server.xmlrpc.XmlRpcEndpoint;
import org.netlab.rpc.server.xmlrpc.XmlRpcLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rpc-server}: serves the Calculator and Phonebook until stopped (SIGTERM or Ctrl-C), with
 * TLS unless {@code --plaintext}.
 */
@Command(
    name = "rpc-server",
    mixinStandardHelpOptions = true,
    version = "netlab rpc-server 0.1.0",
    description = "Serves the Calculator and Phonebook over gRPC and XML-RPC, with TLS by default.",
    sortOptions = false)
public final class RpcServerCommand implements Callable<Integer> {
  /** Exit code when the server cannot start: port taken, TLS files unreadable, store down. */
  public static final int CANNOT_START = 1;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind = "127.0.0.1";

  @Option(
      names = "--grpc-port",
      paramLabel = "PORT",
      description = "gRPC port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int grpcPort = DefaultAddresses.GRPC_PORT;

  @Option(
      names = "--xmlrpc-port",
      paramLabel = "PORT",
      description =
          "XML-RPC port, path "
              + DefaultAddresses.XML_RPC_PATH
              + "; 0 picks a free one (default: "
              + DefaultAddresses.XML_RPC_TLS_PORT
              + ", or "
              + DefaultAddresses.XML_RPC_PLAINTEXT_PORT
              + " with --plaintext).")
  Integer xmlRpcPort;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the store and generated TLS files live (default: ${DEFAULT-VALUE}).")
  Path dataDir = DataDirectory.defaultPath();

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description =
          "Server certificate chain, leaf first (default: issued by the local CA in DIR/tls).")
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

  @Option(
      names = "--store",
      paramLabel = "JDBC_URL",
      description = "Phonebook store (default: SQLite in DIR/phonebook.db).")
  String storeUrl;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      description =
          "trace, debug (one line per call), info, warn or error (default: ${DEFAULT-VALUE}).")
  String logLevel = "info";

  private Consumer<RpcServer> onStarted = server -> {};

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
          String reason = failure.getMessage();
          err.println("rpc-server: " + (reason == null ? failure.toString() : reason));
          err.flush();
          return CANNOT_START;
        });
    return line;
  }

  /** Called with the running server, before {@link #call()} blocks until it is closed. */
  void onStarted(Consumer<RpcServer> action) {
    onStarted = action;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (plaintext && (tlsCertificate != null || tlsKey != null || clientCa != null)) {
      throw new IllegalArgumentException("--plaintext cannot be combined with TLS options");
    }
    LogLevel.apply(logLevel);
    Logger log = LoggerFactory.getLogger(RpcServerCommand.class);

    ServerTls tls = plaintext ? null : ServerTls.resolve(tlsCertificate, tlsKey, clientCa, dataDir);
    InetAddress address = bindAddress();
    JdbcPhonebook store =
        storeUrl == null ? JdbcPhonebook.openEmbedded(dataDir) : JdbcPhonebook.open(storeUrl);
    Calculator calculator = new FiniteCalculator();
    List<Endpoint> endpoints =
        List.of(
            new GrpcEndpoint(
                new GrpcEndpointSettings(
                    new InetSocketAddress(address, grpcPort), tls == null ? null : tls.files()),
                calculator,
                store),
            new XmlRpcEndpoint(
                new InetSocketAddress(
                    address,
                    xmlRpcPort != null ? xmlRpcPort : DefaultAddresses.xmlRpcPort(!plaintext)),
                tls == null ? null : tls.files(),
                calculator,
                store,
                XmlRpcLimits.defaults()));
    RpcServer server = new RpcServer(endpoints, store);
    server.start();

    log.info("rpc-server started{}", tls != null && tls.files().mutual() ? " (mutual TLS)" : "");
    server.urls().forEach(url -> log.info("  endpoint  {}", url));
    log.info("  data dir  {}", dataDir.toAbsolutePath());
    log.info("  store     {}", store.description());
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
    onStarted.accept(server);
    server.awaitClosed();
    return 0;
  }

  private InetAddress bindAddress() {
    try {
      return InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--bind: no such address or host name: " + bind, e);
    }
  }
}
