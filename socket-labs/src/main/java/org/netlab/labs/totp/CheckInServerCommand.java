package org.netlab.labs.totp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.netlab.labs.net.StopSignal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/totp-server}: runs the check-in server until interrupted. */
@Command(
    name = "totp-server",
    mixinStandardHelpOptions = true,
    description = {
      "Two-factor check-in server: one line name&id&otp per TCP connection, checked against"
          + " the secret enrolled for the id; every attempt is logged to disk before the reply.",
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
      description =
          "Enrolments, created owner-only; refused if group or others can read it"
              + " (default: "
              + TotpFiles.DESCRIPTION
              + "secrets).")
  Path secrets;

  @Option(
      names = "--log",
      paramLabel = "FILE",
      description =
          "Check-in log, appended and synced per attempt (default: "
              + TotpFiles.DESCRIPTION
              + "checkins.log).")
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
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "How long a client may take to send its line (default: ${DEFAULT-VALUE}).")
  int idleTimeoutSeconds;

  private final StopSignal stopSignal = new StopSignal();

  public static void main(String[] args) {
    CheckInServerCommand command = new CheckInServerCommand();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> command.stopSignal.stop(Duration.ofSeconds(5)), "totp-server-stop"));
    System.exit(FailureReporter.install(new CommandLine(command)).execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0 to 65535");
    }
    if (idleTimeoutSeconds < 1) {
      throw new IllegalArgumentException("--idle-timeout must be at least 1 second");
    }
    CheckInServer.Config config =
        new CheckInServer.Config(
            new InetSocketAddress(bind, port),
            secrets != null ? secrets : TotpFiles.defaultSecrets(),
            log != null ? log : TotpFiles.defaultLog(),
            maxConnections,
            Duration.ofSeconds(idleTimeoutSeconds));
    try (CheckInServer server = CheckInServer.start(config, Clock.systemUTC())) {
      InetSocketAddress address = server.address();
      spec.commandLine()
          .getOut()
          .printf(
              "totp-server listening on %s:%d (secrets %s, log %s)%n",
              address.getHostString(), address.getPort(), config.secrets(), config.log());
      spec.commandLine().getOut().flush();
      stopSignal.awaitStopRequest();
    } finally {
      stopSignal.finished();
    }
    return 0;
  }
}
