package org.netlab.labs.totp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.netlab.cli.DurationConverter;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.LoggingOptions;
import org.netlab.cli.SocketAddresses;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.cli.LabCommandLine;
import org.netlab.labs.net.StopSignal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/totp-server}: runs the check-in server until interrupted. */
@Command(
    name = "totp-server",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Two-factor check-in server: one line name&id&otp per TCP connection,",
      "checked against the secret enrolled for the id;",
      "every attempt is logged to disk before the reply."
    })
public final class CheckInServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String bind;

  @Option(
      names = "--port",
      defaultValue = "" + CheckInProtocol.DEFAULT_PORT,
      paramLabel = "PORT",
      description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--secrets",
      paramLabel = "FILE",
      description = {
        "Enrolments, created owner-only; refused if group or others can read it",
        "(default: " + TotpFiles.DESCRIPTION + "secrets)."
      })
  Path secrets;

  @Option(
      names = "--log",
      paramLabel = "FILE",
      description = {
        "Check-in log, appended and synced per attempt",
        "(default: " + TotpFiles.DESCRIPTION + "checkins.log)."
      })
  Path log;

  @Option(
      names = "--max-connections",
      defaultValue = "256",
      paramLabel = "N",
      description =
          "Connections served at once; more get 'server busy' (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(
      names = "--idle-timeout",
      defaultValue = "10s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = {
        "How long a client may take to send its line",
        "(500ms, 10s, 1m; default: ${DEFAULT-VALUE})."
      })
  Duration idleTimeout;

  @Mixin LoggingOptions logging;

  private final StopSignal stopSignal = new StopSignal();

  public static void main(String[] args) {
    CheckInServerCommand command = new CheckInServerCommand();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> command.stopSignal.stop(Duration.ofSeconds(5)), "totp-server-stop"));
    System.exit(commandLine(command).execute(args));
  }

  /** {@code bin/totp-server} as a person runs it. */
  public static CommandLine commandLine(CheckInServerCommand command) {
    return LabCommandLine.of(command, LabCommandLine.Side.SERVER);
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535");
    }
    logging.apply();
    CheckInServer.Config config =
        new CheckInServer.Config(
            new InetSocketAddress(bind, port),
            secrets != null ? secrets : TotpFiles.defaultSecrets(),
            log != null ? log : TotpFiles.defaultLog(),
            maxConnections,
            idleTimeout);
    try (CheckInServer server = CheckInServer.start(config, Clock.systemUTC())) {
      InetSocketAddress address = server.address();
      spec.commandLine()
          .getOut()
          .printf(
              "totp-server listening on %s (secrets %s, log %s)%n",
              SocketAddresses.text(address), config.secrets(), config.log());
      spec.commandLine().getOut().flush();
      stopSignal.awaitStopRequest();
    } finally {
      stopSignal.finished();
    }
    return ExitCodes.OK;
  }
}
