package org.netlab.labs.pay;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.netlab.cli.DurationConverter;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.LoggingOptions;
import org.netlab.cli.SocketAddresses;
import org.netlab.cli.VersionProvider;
import org.netlab.datadir.DataDirectory;
import org.netlab.labs.cli.LabCommandLine;
import org.netlab.labs.net.StopSignal;
import org.netlab.labs.pay.ledger.JdbcLedger;
import org.netlab.labs.pay.ledger.Ledger;
import org.netlab.labs.pay.server.PayServer;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.SslContexts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bin/pay-server}: the payment lab's central server, until interrupted. */
@Command(
    name = "pay-server",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = GrantCommand.class,
    description = {
      "The payment lab's central server: registers users (certificates from its CA),",
      "lists who is online, settles signed payment orders in a double-entry ledger.",
      "TLS 1.3 with client certificates; one line per request, one reply each."
    })
public final class PayServerCommand implements Callable<Integer> {
  /** What a new account gets from the issuer, when the server listens on loopback only. */
  public static final String LOOPBACK_OPENING_BALANCE = "100.00";

  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin LoggingOptions logging;

  @Option(
      names = "--port",
      defaultValue = "" + PayProtocol.DEFAULT_PORT,
      description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String bind;

  @Mixin LedgerOptions ledgerOptions;

  @Option(
      names = "--opening-balance",
      defaultValue = "100.00",
      paramLabel = "AMOUNT",
      description =
          "What a new account gets from the issuer (default: ${DEFAULT-VALUE}; 0 for none).")
  String openingBalance;

  @Option(
      names = "--workers",
      defaultValue = "" + PayServer.Settings.DEFAULT_WORKERS,
      paramLabel = "N",
      description = "Threads that run requests (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--queue",
      defaultValue = "" + PayServer.Settings.DEFAULT_QUEUE,
      paramLabel = "N",
      description =
          "Requests that may wait for a worker; more get 421 BUSY (default: ${DEFAULT-VALUE}).")
  int queue;

  @Option(
      names = "--max-connections",
      defaultValue = "" + PayServer.Settings.DEFAULT_MAX_CONNECTIONS,
      paramLabel = "N",
      description = "Connections at once; more get 421 BUSY (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(
      names = "--presence-timeout",
      defaultValue = "30s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "A peer silent this long goes offline (default: ${DEFAULT-VALUE}).")
  Duration presenceTimeout;

  private final StopSignal stopSignal = new StopSignal();

  public static void main(String[] args) {
    PayServerCommand command = new PayServerCommand();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> command.stopSignal.stop(Duration.ofSeconds(5)), "pay-server-stop"));
    System.exit(commandLine(command).execute(args));
  }

  public static CommandLine commandLine(PayServerCommand command) {
    return LabCommandLine.of(command, LabCommandLine.Side.SERVER);
  }

  /** Asks a running server to stop, as Ctrl-C does; for tests. */
  void stop() {
    stopSignal.stop(Duration.ofSeconds(5));
  }

  @Override
  public Integer call() throws Exception {
    logging.apply();
    PayServer.Settings settings;
    LocalCertificateAuthority authority =
        LocalCertificateAuthority.loadOrCreate(
            dataDirectory().resolve(DataDirectory.TLS_SUBDIRECTORY));
    SSLContext tls =
        SslContexts.forServer(authority.serverFiles().withClientCa(authority.certificateFile()));
    InetSocketAddress address = address();
    long opening = openingBalance(address.getAddress());
    if (workers < 1 || queue < 1 || maxConnections < 1) {
      throw usage("--workers, --queue and --max-connections must be at least 1");
    }
    try (Ledger ledger = JdbcLedger.open(ledgerUrl())) {
      settings =
          PayServer.Settings.local(authority, tls, ledger)
              .withBind(address)
              .withOpeningBalance(opening)
              .withPool(workers, queue)
              .withMaxConnections(maxConnections)
              .withPresenceTimeout(presenceTimeout);
      try (PayServer server = new PayServer(settings).start()) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "pay-server on %s, ledger %s (peers trust %s); new accounts get %s%n",
            SocketAddresses.text(server.address()),
            ledger.description(),
            authority.certificateFile(),
            Amounts.format(opening));
        out.flush();
        stopSignal.awaitStopRequest();
      }
    } finally {
      stopSignal.finished();
    }
    return ExitCodes.OK;
  }

  private String ledgerUrl() throws IOException {
    try {
      return ledgerOptions.ledgerUrl();
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /**
   * What a new account gets: as {@code --opening-balance} says, else {@link
   * #LOOPBACK_OPENING_BALANCE} when only this host can register, and nothing when anyone reaching
   * {@code bind} could mint money by registering names.
   */
  static long openingBalance(String option, InetAddress bind) {
    if (option != null) {
      return Amounts.parse(option);
    }
    return bind.isLoopbackAddress() ? Amounts.parse(LOOPBACK_OPENING_BALANCE) : 0;
  }

  private long openingBalance(InetAddress bind) {
    try {
      return openingBalance(openingBalance, bind);
    } catch (IllegalArgumentException e) {
      throw usage("--opening-balance: " + e.getMessage());
    }
  }

  private InetSocketAddress address() {
    if (port < 0 || port > 65_535) {
      throw usage("--port must be 0 to 65535");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(bind), port);
    } catch (UnknownHostException e) {
      throw usage("--bind: unknown address " + bind);
    }
  }

  private Path dataDirectory() {
    return ledgerOptions.dataDirectory();
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
