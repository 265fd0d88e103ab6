package org.netlab.labs.vault;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.netlab.cli.DurationConverter;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.LoggingOptions;
import org.netlab.cli.SocketAddresses;
import org.netlab.cli.VersionProvider;
import org.netlab.datadir.DataDirectory;
import org.netlab.labs.cli.InvalidFileException;
import org.netlab.labs.cli.LabCommandLine;
import org.netlab.labs.net.StopSignal;
import org.netlab.labs.vault.channel.LabChannelServer;
import org.netlab.labs.vault.channel.LabChannelSettings;
import org.netlab.labs.vault.http.AccessLog;
import org.netlab.labs.vault.http.AddressRange;
import org.netlab.labs.vault.http.ClientCertificates;
import org.netlab.labs.vault.http.VaultServer;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.TlsFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bin/vault-server}: serves the files of one directory over HTTP/1.1, with TLS by default.
 */
@Command(
    name = "vault-server",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Serves the files of one directory (the vault) over HTTP/1.1, TLS by default.",
      "GET and HEAD; 403 for a client not allowed, 400 for a type not served, 404 for a missing file."
    })
public final class VaultServerCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin LoggingOptions logging;

  // Checked in call(), so that an unknown option is reported first, as by every other tool.
  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Directory to serve (required); it must exist.")
  Path root;

  @Option(
      names = "--port",
      defaultValue = "" + VaultServer.DEFAULT_PORT,
      description = {
        "TCP port (default: ${DEFAULT-VALUE}, next to 8443 which the RPC server's",
        "XML-RPC endpoint takes; 0 picks a free one)."
      })
  int port;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--plaintext", description = "Serve plain HTTP, without TLS.")
  boolean plaintext;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = {
        "Where the generated CA lives",
        "(default: $NETLAB_DATA_DIR or ~/.local/share/netlab)."
      })
  Path dataDir;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description = "Certificate chain (default: issued by the generated CA).")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description = "PKCS#8 private key for --tls-cert.")
  Path tlsKey;

  @Option(
      names = "--client-ca",
      paramLabel = "PEM",
      description = "Require client certificates from this CA (mutual TLS); needs --allow-clients.")
  Path clientCa;

  @Option(
      names = "--allow-clients",
      paramLabel = "FILE",
      description = {
        "Client certificates allowed under mutual TLS, one a line:",
        "a subject common name, or a SHA-256 fingerprint in hex."
      })
  Path allowClients;

  @Option(
      names = "--allow",
      paramLabel = "CIDR",
      split = ",",
      description = {
        "Client addresses allowed, e.g. 10.0.0.0/8,fd00::/8 (repeatable;",
        "default: loopback, or any address under mutual TLS)."
      })
  List<String> allow = new ArrayList<>();

  @Option(
      names = "--extensions",
      paramLabel = "LIST",
      split = ",",
      description = "File types served, e.g. txt,png (default: the lab's list).")
  List<String> extensions = new ArrayList<>();

  @Option(
      names = "--max-connections",
      defaultValue = "256",
      description = "Connections served at once; more get 503 (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(
      names = "--head-timeout",
      defaultValue = "10s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Time a request head has to come whole; 408 after (default: ${DEFAULT-VALUE}).")
  Duration headTimeout;

  @Option(
      names = "--idle-timeout",
      defaultValue = "30s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Close a kept-alive connection idle this long (default: ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(
      names = "--write-timeout",
      defaultValue = "30s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Drop a client that reads nothing this long (default: ${DEFAULT-VALUE}).")
  Duration writeTimeout;

  @Option(
      names = "--access-log",
      paramLabel = "FILE",
      description = "Append a Common Log Format line per request (default: the log, at debug).")
  Path accessLog;

  @Option(
      names = "--lab-port",
      paramLabel = "PORT",
      description = {
        "Also serve the vault over the lab's encrypted channel on this port (0: any",
        "free one); the server key clients pin is printed at start."
      })
  Integer labPort;

  private final StopSignal stopSignal = new StopSignal();

  public static void main(String[] args) {
    VaultServerCommand command = new VaultServerCommand();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> command.stopSignal.stop(Duration.ofSeconds(5)), "vault-stop"));
    System.exit(commandLine(command).execute(args));
  }

  /** {@code bin/vault-server} as a person runs it: a failure to start is one line. */
  public static CommandLine commandLine(VaultServerCommand command) {
    return LabCommandLine.of(command, LabCommandLine.Side.SERVER);
  }

  /** Asks a running server to stop, as Ctrl-C does; for tests. */
  void stop() {
    stopSignal.stop(Duration.ofSeconds(5));
  }

  @Override
  public Integer call() throws Exception {
    logging.apply();
    VaultServer.Settings settings = settings();
    if (labPort != null && (labPort < 0 || labPort > 65_535)) {
      throw usage("--lab-port must be 0 to 65535");
    }
    try (AccessLog log = accessLog == null ? AccessLog.toLogger() : AccessLog.toFile(accessLog);
        VaultServer server = new VaultServer(settings.withAccessLog(log)).start();
        LabChannelServer lab = labChannel(settings)) {
      PrintWriter out = spec.commandLine().getOut();
      String scheme = plaintext ? "http" : "https";
      out.printf(
          "vault-server serving %s on %s://%s/%s%n",
          settings.root().toRealPath(),
          scheme,
          SocketAddresses.text(server.address()),
          plaintext ? "" : caNote());
      if (lab != null) {
        out.printf(
            "lab channel on port %d; clients pin the server key %s%n", lab.port(), lab.publicKey());
      }
      out.flush();
      stopSignal.awaitStopRequest();
    } finally {
      stopSignal.finished();
    }
    return ExitCodes.OK;
  }

  /** The lab channel over the same vault, when {@code --lab-port} asks for it; else null. */
  private LabChannelServer labChannel(VaultServer.Settings settings) throws IOException {
    if (labPort == null) {
      return null;
    }
    return new LabChannelServer(
            LabChannelSettings.of(
                new InetSocketAddress(settings.bind().getAddress(), labPort), dataDirectory()),
            new VaultRoot(settings.root(), settings.extensions()))
        .start();
  }

  private String caNote() {
    return tlsCert != null ? "" : " (clients trust " + DataDirectory.caFile(dataDirectory()) + ")";
  }

  private VaultServer.Settings settings() throws IOException {
    if (port < 0 || port > 65_535) {
      throw usage("--port must be 0 to 65535");
    }
    if (root == null) {
      throw usage("--root DIR is required: the directory to serve");
    }
    if (!Files.isDirectory(root)) {
      throw usage("--root " + root + " is not a directory");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw usage("--tls-cert and --tls-key go together");
    }
    if ((clientCa == null) != (allowClients == null)) {
      throw usage("--client-ca and --allow-clients go together");
    }
    if (plaintext && (tlsCert != null || clientCa != null)) {
      throw usage("--plaintext contradicts --tls-cert and --client-ca");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw usage("--bind: unknown address " + bind);
    }
    List<AddressRange> ranges = new ArrayList<>();
    for (String text : allow) {
      try {
        ranges.add(AddressRange.parse(text));
      } catch (IllegalArgumentException e) {
        throw usage("--allow: " + e.getMessage());
      }
    }
    if (ranges.isEmpty()) {
      ranges.addAll(clientCa != null ? AddressRange.ANY : AddressRange.LOOPBACK);
    }
    Set<String> types = new LinkedHashSet<>();
    for (String extension : extensions) {
      String clean = extension.strip().toLowerCase(Locale.ROOT);
      if (clean.startsWith(".")) {
        clean = clean.substring(1);
      }
      if (!clean.matches("[a-z0-9]{1,16}")) {
        throw usage("--extensions: '" + extension + "' is not an extension such as txt or png");
      }
      types.add(clean);
    }
    VaultServer.Settings settings;
    try {
      settings =
          VaultServer.Settings.plaintext(root)
              .withBind(new InetSocketAddress(address, port))
              .withExtensions(types.isEmpty() ? VaultRoot.DEFAULT_EXTENSIONS : types)
              .withAllowedAddresses(ranges)
              .withMaxConnections(maxConnections)
              .withTimeouts(headTimeout, idleTimeout, writeTimeout);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    return plaintext ? settings : settings.withTls(tls());
  }

  private VaultServer.Tls tls() throws IOException {
    TlsFiles files =
        tlsCert != null
            ? new TlsFiles(tlsCert, tlsKey)
            : LocalCertificateAuthority.loadOrCreate(
                    dataDirectory().resolve(DataDirectory.TLS_SUBDIRECTORY))
                .serverFiles();
    if (clientCa == null) {
      return VaultServer.Tls.of(files);
    }
    ClientCertificates clients;
    try {
      clients = ClientCertificates.read(allowClients);
    } catch (InvalidFileException e) {
      throw usage("--allow-clients: " + e.getMessage());
    }
    return VaultServer.Tls.mutual(files.withClientCa(clientCa), clients);
  }

  private Path dataDirectory() {
    return dataDir != null ? dataDir : DataDirectory.defaultPath();
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
