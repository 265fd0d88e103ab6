package org.netlab.labs.chat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.netlab.cli.DurationConverter;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.LoggingOptions;
import org.netlab.cli.SocketAddresses;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.cli.CannotServeException;
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
import picocli.CommandLine.Spec;

/**
 * {@code chat-server}: the chat room over TCP until stopped, or with {@code --udp} one side of a
 * two-person chat in turns, typed on standard input.
 */
@Command(
    name = "chat-server",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Serves a chat room over TCP,",
      "or with --udp waits for one person to chat in turns."
    })
public final class ChatServerCommand implements Callable<Integer> {
  /** Default port of the chat lab. */
  public static final int DEFAULT_PORT = 7010;

  @Option(
      names = "--udp",
      description = "Two-person chat in turns over UDP, answering from standard input.")
  private boolean udp;

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
      defaultValue = "4096",
      paramLabel = "BYTES",
      description = "TCP: longest message accepted, in UTF-8 bytes (default: ${DEFAULT-VALUE}).")
  private int maxLine;

  @Option(
      names = "--max-clients",
      paramLabel = "N",
      defaultValue = "256",
      description = "TCP: people in the room at once (default: ${DEFAULT-VALUE}).")
  private int maxClients;

  @Option(
      names = "--queue-bytes",
      defaultValue = "65536",
      paramLabel = "BYTES",
      description = {
        "TCP: bytes waiting for one person above which they are behind:",
        "senders wait until they are down to half (default: ${DEFAULT-VALUE})."
      })
  private int queueBytes;

  @Option(
      names = "--too-slow-after",
      defaultValue = "5s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = {
        "TCP: a person behind this long is dropped as too slow",
        "(500ms, 5s, 1m; default: ${DEFAULT-VALUE})."
      })
  private Duration tooSlowAfter;

  @Option(
      names = "--idle-timeout",
      defaultValue = "1h",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = {
        "TCP: drop a person silent this long;",
        "UDP: end the chat when the other side is silent this long",
        "(default: ${DEFAULT-VALUE})."
      })
  private Duration idleTimeout;

  @Mixin private LineTimeoutOption lineTimeout;

  @Mixin private LoggingOptions logging;

  @ArgGroup(exclusive = true)
  private KeyOptions keys;

  @Spec private CommandSpec spec;

  private final InputStream stdin;
  private final StopSignal stopSignal = new StopSignal();

  public ChatServerCommand() {
    this(System.in);
  }

  /** For tests and embedding: the UDP side's lines are read from {@code stdin}. */
  public ChatServerCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  public static void main(String[] args) {
    ChatServerCommand command = new ChatServerCommand();
    Runtime.getRuntime().addShutdownHook(new Thread(command::stop, "chat-server-stop"));
    System.exit(commandLine(command).execute(args));
  }

  /** {@code bin/chat-server} as a person runs it. */
  public static CommandLine commandLine(ChatServerCommand command) {
    return LabCommandLine.of(command, LabCommandLine.Side.SERVER);
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    logging.apply();
    PrintWriter out = spec.commandLine().getOut();
    try {
      Optional<IntegrityKey> key = keys == null ? Optional.empty() : keys.key();
      InetSocketAddress address = new InetSocketAddress(bind, port);
      if (udp) {
        chatInTurns(address, key, out);
      } else {
        serveRoom(address, key, out);
      }
      return ExitCodes.OK;
    } finally {
      out.flush();
      stopSignal.finished();
    }
  }

  private void serveRoom(InetSocketAddress address, Optional<IntegrityKey> key, PrintWriter out)
      throws IOException, InterruptedException {
    if (queueBytes < 1024) {
      throw new IllegalArgumentException("--queue-bytes must be at least 1024");
    }
    int lineCap = key.isPresent() ? HmacFrameCodec.frameLength(maxLine) : maxLine;
    ChatConnectionHandler handler =
        new ChatConnectionHandler(
            new ChatRoom(Clock.systemDefaultZone()),
            new ChatConnectionHandler.Limits(
                lineCap, lineTimeout.lineTimeout(), queueBytes, tooSlowAfter),
            () -> MessageCodec.forKey(key, Role.SERVER));
    TcpServer.Options options = new TcpServer.Options(address, maxClients, idleTimeout);
    try (TcpServer server = new TcpServer("chat", options, handler).start()) {
      // Only a room waits for stop(); a chat in turns ends with the JVM.
      out.printf(
          "chat-server: tcp on %s%s%n",
          SocketAddresses.text(server.address()), key.isPresent() ? ", integrity on" : "");
      out.flush();
      stopSignal.awaitStopRequest();
    }
  }

  private void chatInTurns(InetSocketAddress address, Optional<IntegrityKey> key, PrintWriter out)
      throws IOException {
    DatagramSocket socket;
    try {
      socket = new DatagramSocket(address);
    } catch (SocketException e) {
      throw new CannotServeException(
          "cannot listen on " + SocketAddresses.text(address) + ": " + e.getMessage(), e);
    }
    try (socket) {
      socket.setSoTimeout(Math.toIntExact(idleTimeout.toMillis()));
      out.printf(
          "chat-server: udp on %s, waiting for someone to speak first%n",
          SocketAddresses.text(socket.getLocalSocketAddress()));
      out.flush();
      BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, UTF_8));
      new UdpTurnChat(socket, MessageCodec.forKey(key, Role.SERVER), lines, out).listenFirst();
    }
  }

  /** Stops a running {@link #call()} and waits briefly until its server is closed. */
  public void stop() {
    stopSignal.stop(Duration.ofSeconds(5));
  }
}
