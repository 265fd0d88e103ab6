package org.netlab.labs.ftp.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.TlsFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bin/ftpd}: serves a directory over FTP and explicit FTPS. */
@Command(
    name = "ftpd",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Serves one directory over FTP (RFC 959) with explicit TLS (AUTH TLS).",
      "Anonymous users may read; writing needs --writable or a named user from --users."
    })
public final class FtpServerCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin LoggingOptions logging;

  @Option(
      names = "--root",
      description = "Directory to serve, created if missing (default: ./ftp-root).")
  Path root = Path.of("ftp-root");

  @Option(names = "--port", description = "Control port (default: ${DEFAULT-VALUE}).")
  int port = FtpServerConfig.DEFAULT_PORT;

  @Option(names = "--bind", description = "Address to listen on (default: loopback).")
  String bind = InetAddress.getLoopbackAddress().getHostAddress();

  @Option(names = "--writable", description = "Let anonymous users upload, delete and rename.")
  boolean writable;

  @Option(names = "--no-anonymous", description = "Refuse anonymous logins.")
  boolean noAnonymous;

  @Option(
      names = "--users",
      paramLabel = "FILE",
      description = "Named users, one NAME:HASH per line (see --hash-password).")
  Path users;

  @Option(
      names = "--passive-ports",
      paramLabel = "FIRST-LAST",
      description = "Ports for passive data connections (default: any free port).")
  String passivePorts;

  @Option(names = "--max-sessions", description = "Sessions at once (default: ${DEFAULT-VALUE}).")
  int maxSessions = 200;

  @Option(
      names = "--max-sessions-per-address",
      description = "Sessions at once from one address (default: ${DEFAULT-VALUE}).")
  int maxPerAddress = 100;

  @Option(
      names = "--idle-timeout",
      defaultValue = "5m",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = {
        "Close a control connection idle this long",
        "(500ms, 10s, 5m; default: ${DEFAULT-VALUE})."
      })
  Duration idleTimeout;

  @Option(
      names = "--line-timeout",
      defaultValue = "30s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = {
        "Close a control connection whose command line has not come whole",
        "this long after its first byte, however slowly it trickles",
        "(default: ${DEFAULT-VALUE})."
      })
  Duration lineTimeout;

  @Option(
      names = "--data-timeout",
      defaultValue = "30s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = {
        "Abort a data connection that moves nothing this long",
        "(default: ${DEFAULT-VALUE})."
      })
  Duration dataTimeout;

  @Option(
      names = "--no-sync",
      description = {
        "Acknowledge uploads and other changes before they reach the disk:",
        "faster, but a power cut may lose the last ones."
      })
  boolean noSync;

  @Option(names = "--no-tls", description = "Do not offer AUTH TLS.")
  boolean noTls;

  @Option(names = "--require-tls", description = "Refuse logins and data before AUTH TLS / PROT P.")
  boolean requireTls;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = "Certificate chain (default: generated CA).")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description = "PKCS#8 private key for --tls-cert.")
  Path tlsKey;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = {
        "Where the generated CA lives",
        "(default: $NETLAB_DATA_DIR or ~/.local/share/netlab)."
      })
  Path dataDir;

  @Option(
      names = "--hash-password",
      paramLabel = "NAME",
      description = "Print a users-file line for NAME (password read without echo) and exit.")
  String hashPassword;

  private final StopSignal stopSignal = new StopSignal();

  public static void main(String[] args) {
    FtpServerCommand command = new FtpServerCommand();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> command.stopSignal.stop(Duration.ofSeconds(5)), "ftpd-stop"));
    System.exit(commandLine(command).execute(args));
  }

  /** {@code bin/ftpd} as a person runs it: a failure to start is one line. */
  public static CommandLine commandLine(FtpServerCommand command) {
    return LabCommandLine.of(command, LabCommandLine.Side.SERVER);
  }

  @Override
  public Integer call() throws Exception {
    if (hashPassword != null) {
      return printHashLine();
    }
    logging.apply();
    Logger log = LoggerFactory.getLogger(FtpServerCommand.class);
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--tls-cert and --tls-key go together");
    }
    if (noTls && requireTls) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--no-tls contradicts --require-tls");
    }
    FtpServerConfig.Builder config =
        FtpServerConfig.builder(root)
            .bind(new InetSocketAddress(InetAddress.getByName(bind), port))
            .anonymous(!noAnonymous, writable)
            .users(users == null ? UserDatabase.empty() : UserDatabase.load(users))
            .maxSessions(maxSessions, maxPerAddress)
            .idleTimeout(idleTimeout)
            .lineTimeout(lineTimeout)
            .dataTimeout(dataTimeout)
            .syncUploads(!noSync);
    if (passivePorts != null) {
      try {
        config.passivePorts(PortRange.parse(passivePorts));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--passive-ports: " + e.getMessage());
      }
    }
    if (!noTls) {
      config.tls(tlsContext(), requireTls);
    }
    try (FtpServer server = new FtpServer(config.build()).start()) {
      log.info(
          "FTP server on {} serving {} (anonymous: {}, TLS: {})",
          SocketAddresses.text(server.address()),
          root.toAbsolutePath(),
          noAnonymous ? "off" : writable ? "read-write" : "read-only",
          noTls ? "off" : requireTls ? "required" : "offered");
      stopSignal.awaitStopRequest();
    } finally {
      stopSignal.finished();
    }
    return ExitCodes.OK;
  }

  private SSLContext tlsContext() throws IOException {
    if (tlsCert != null) {
      return FtpsContexts.forServer(new TlsFiles(tlsCert, tlsKey));
    }
    Path dir =
        (dataDir == null ? DataDirectory.defaultPath() : dataDir)
            .resolve(DataDirectory.TLS_SUBDIRECTORY);
    return FtpsContexts.forServer(LocalCertificateAuthority.loadOrCreate(dir).serverFiles());
  }

  private int printHashLine() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    char[] password = readPassword();
    if (password == null || password.length == 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "empty password");
    }
    out.println(
        UserDatabase.entry(
            hashPassword, PasswordHash.create(password, PasswordHash.DEFAULT_ITERATIONS)));
    out.flush();
    return 0;
  }

  /** From the terminal without echo, else the first line of standard input (for scripts). */
  private static char[] readPassword() throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("Password: ");
      char[] again = console.readPassword("Again: ");
      return first != null && java.util.Arrays.equals(first, again) ? first : null;
    }
    String line =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return line == null ? null : line.toCharArray();
  }
}
