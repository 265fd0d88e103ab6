package org.netlab.labs.echo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.netlab.cli.DurationConverter;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.LoggingOptions;
import org.netlab.cli.SocketAddresses;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.cli.LabCommandLine;
import org.netlab.labs.integrity.HmacFrameCodec;
import org.netlab.labs.integrity.IntegrityKey;
import org.netlab.labs.integrity.KeyOptions;
import org.netlab.labs.integrity.MessageCodec;
import org.netlab.labs.integrity.Role;
import org.netlab.labs.net.LineTimeoutOption;
import org.netlab.labs.net.StopSignal;
import org.netlab.labs.net.TcpServer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code echo-server}: serves echo over UDP or TCP until stopped. */
@Command(
    name = "echo-server",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Echoes each UDP datagram or each TCP line back, upper-cased with --upper.")
public final class EchoServerCommand implements Callable<Integer> {
  /** Default port of the echo lab (the standard port 7 needs root). */
  public static final int DEFAULT_PORT = 7007;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Transport transport;

  @Option(names = "--upper", description = "Send the text back upper-cased.")
  private boolean upper;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "" + DEFAULT_PORT,
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  private int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = {
        "Address to listen on",
        "(default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)."
      })
  private String bind;

  @Option(
      names = "--max-line",
      defaultValue = "" + TcpEchoHandler.DEFAULT_MAX_LINE_BYTES,
      paramLabel = "BYTES",
      description = "TCP: longest line accepted, in UTF-8 bytes (default: ${DEFAULT-VALUE}).")
  private int maxLine;

  @Option(
      names = "--max-clients",
      paramLabel = "N",
      defaultValue = "256",
      description = "TCP: connections served at once (default: ${DEFAULT-VALUE}).")
  private int maxClients;

  @Option(
      names = "--idle-timeout",
      defaultValue = "5m",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = {
        "TCP: close a connection silent this long",
        "(500ms, 10s, 5m; default: ${DEFAULT-VALUE})."
      })
  private Duration idleTimeout;

  @Mixin private LineTimeoutOption lineTimeout;

  @Mixin private LoggingOptions logging;

  @ArgGroup(exclusive = true)
  private KeyOptions keys;

  @Spec private CommandSpec spec;

  private final StopSignal stopSignal = new StopSignal();

  public static void main(String[] args) {
    EchoServerCommand command = new EchoServerCommand();
    Runtime.getRuntime().addShutdownHook(new Thread(command::stop, "echo-server-stop"));
    System.exit(commandLine(command).execute(args));
  }

  /** {@code bin/echo-server} as a person runs it. */
  public static CommandLine commandLine(EchoServerCommand command) {
    return LabCommandLine.of(command, LabCommandLine.Side.SERVER);
  }

  @Override
  public Integer call() throws Exception {
    logging.apply();
    PrintWriter out = spec.commandLine().getOut();
    try (AutoCloseable server = start()) {
      out.printf(
          "echo-server: %s on %s%s%s%n",
          transport.udp ? "udp" : "tcp",
          addressOf(server),
          upper ? ", upper-casing" : "",
          keys != null ? ", integrity on" : "");
      out.flush();
      stopSignal.awaitStopRequest();
    } finally {
      stopSignal.finished();
    }
    return ExitCodes.OK;
  }

  private AutoCloseable start() throws IOException {
    InetSocketAddress address = new InetSocketAddress(bind, port);
    EchoTransform transform = upper ? EchoTransform.UPPER : EchoTransform.AS_IS;
    if (transport.udp) {
      if (keys != null) {
        throw new ParameterException(
            spec.commandLine(), "--key and --key-file work with --tcp only");
      }
      return new UdpEchoServer(address, transform).start();
    }
    if (maxLine < 1) {
      throw new ParameterException(spec.commandLine(), "--max-line must be at least 1");
    }
    Optional<IntegrityKey> key = keys == null ? Optional.empty() : keys.key();
    int lineCap = key.isPresent() ? HmacFrameCodec.frameLength(maxLine) : maxLine;
    TcpEchoHandler handler =
        new TcpEchoHandler(
            transform,
            lineCap,
            lineTimeout.lineTimeout(),
            () -> MessageCodec.forKey(key, Role.SERVER));
    return new TcpServer("echo", new TcpServer.Options(address, maxClients, idleTimeout), handler)
        .start();
  }

  private static String addressOf(AutoCloseable server) {
    InetSocketAddress address =
        server instanceof TcpServer tcp ? tcp.address() : ((UdpEchoServer) server).address();
    return SocketAddresses.text(address);
  }

  /** Stops a running {@link #call()} and waits briefly until its server is closed. */
  public void stop() {
    stopSignal.stop(Duration.ofSeconds(5));
  }
}
