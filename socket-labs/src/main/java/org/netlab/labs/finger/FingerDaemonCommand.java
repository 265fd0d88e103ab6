package org.netlab.labs.finger;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.netlab.cli.DurationConverter;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.LoggingOptions;
import org.netlab.cli.SocketAddresses;
import org.netlab.cli.VersionProvider;
import org.netlab.datadir.DataDirectory;
import org.netlab.labs.cli.LabCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fingerd}: the finger daemon. Runs until stopped (SIGINT or SIGTERM), then closes
 * connections and removes its pid file. A port taken or a pid file held stops the start with exit
 * code 4, a wrong users file with 2.
 */
@Command(
    name = "fingerd",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Finger daemon (RFC 1288): answers who is logged in and who a user is.")
public final class FingerDaemonCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private LoggingOptions logging;

  @Option(
      names = "--port",
      defaultValue = "" + FingerProtocol.DEFAULT_PORT,
      description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  private int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  private String bind;

  @Option(
      names = "--users",
      paramLabel = "FILE",
      description = "Answer from this users file instead of the host's accounts.")
  private Path users;

  @Option(
      names = "--passwd",
      defaultValue = "/etc/passwd",
      paramLabel = "FILE",
      description = "Account database when no --users file (default: ${DEFAULT-VALUE}).")
  private Path passwd;

  @Option(
      names = "--utmp",
      defaultValue = "/var/run/utmp",
      paramLabel = "FILE",
      description = "Login records when no --users file (default: ${DEFAULT-VALUE}).")
  private Path utmp;

  @Option(names = "--no-list", description = "Refuse the list of users (empty query).")
  private boolean noList;

  @Option(
      names = "--allow-forwarding",
      description = "Forward user@host queries, one hop (refused by default).")
  private boolean allowForwarding;

  @Option(
      names = "--forward-timeout",
      defaultValue = "5s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Bound on a forwarded query (default: ${DEFAULT-VALUE}).")
  private Duration forwardTimeout;

  @Option(
      names = "--max-connections",
      defaultValue = "256",
      description = "Connections served at once (default: ${DEFAULT-VALUE}).")
  private int maxConnections;

  @Option(
      names = "--idle-timeout",
      defaultValue = "10s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Time a client has to send its query (default: ${DEFAULT-VALUE}).")
  private Duration idleTimeout;

  @Option(
      names = "--max-reply-bytes",
      defaultValue = "65536",
      description = "Cap on one answer (default: ${DEFAULT-VALUE}).")
  private int maxReplyBytes;

  @Option(
      names = "--max-file-bytes",
      defaultValue = "" + HostAccounts.DEFAULT_MAX_FILE_BYTES,
      description = "Cap on each ~/.plan, ~/.project, ~/.pgpkey (default: ${DEFAULT-VALUE}).")
  private int maxFileBytes;

  @Option(
      names = "--pid-file",
      paramLabel = "FILE",
      description = "Pid file (default: fingerd.pid in the data directory).")
  private Path pidFile;

  @Option(
      names = "--log-file",
      paramLabel = "FILE",
      description = "Append one line per query to this file.")
  private Path logFile;

  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile FingerServer running;

  public static void main(String[] args) {
    FingerDaemonCommand daemon = new FingerDaemonCommand();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  daemon.stop();
                  daemon.awaitStopped(Duration.ofSeconds(5));
                },
                "fingerd-shutdown"));
    System.exit(commandLine(daemon).execute(args));
  }

  /** {@code bin/fingerd} as a person runs it. */
  public static CommandLine commandLine(FingerDaemonCommand daemon) {
    return LabCommandLine.of(daemon, LabCommandLine.Side.SERVER);
  }

  /** Asks a running daemon to stop; {@link #call()} then cleans up and returns. */
  void stop() {
    stopRequested.countDown();
  }

  boolean awaitStopped(Duration bound) {
    try {
      return stopped.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The running server once started, or null if it did not start within the bound. */
  FingerServer awaitStarted(Duration bound) throws InterruptedException {
    started.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    return running;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    logging.apply();
    try {
      FingerServer.Config config = config();
      UserDirectory directory =
          users != null
              ? UsersFile.read(users)
              : new HostAccounts(passwd, new UtmpFile(utmp), maxFileBytes);
      Path pidPath = pidFile != null ? pidFile : DataDirectory.defaultPath().resolve("fingerd.pid");
      try (PidFile pid = PidFile.acquire(pidPath);
          RequestLog requestLog =
              logFile != null
                  ? RequestLog.open(logFile, Clock.systemUTC())
                  : RequestLog.disabled();
          FingerServer server = new FingerServer(config, directory, requestLog).start()) {
        running = server;
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "fingerd listening on %s (users: %s, pid file: %s)%n",
            SocketAddresses.text(server.address()), users != null ? users : passwd, pid.path());
        out.flush();
        started.countDown();
        stopRequested.await();
      }
      return ExitCodes.OK;
    } finally {
      stopped.countDown();
    }
  }

  private FingerServer.Config config() {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(spec.commandLine(), "--port must be 0 to 65535");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new ParameterException(spec.commandLine(), "--bind: unknown address " + bind);
    }
    try {
      return FingerServer.Config.defaults(new InetSocketAddress(address, port))
          .withMaxConnections(maxConnections)
          .withIdleTimeout(idleTimeout)
          .withListAllowed(!noList)
          .withForwarding(allowForwarding, forwardTimeout)
          .withMaxReplyBytes(maxReplyBytes);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
