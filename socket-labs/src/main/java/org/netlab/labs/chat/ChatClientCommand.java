package org.netlab.labs.chat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.netlab.cli.DurationConverter;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.cli.LabCommandLine;
import org.netlab.labs.integrity.IntegrityException;
import org.netlab.labs.integrity.IntegrityKey;
import org.netlab.labs.integrity.KeyOptions;
import org.netlab.labs.integrity.MessageCodec;
import org.netlab.labs.integrity.Role;
import org.netlab.labs.net.LineReader;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chat-client}: joins the chat room over TCP, sending each line of standard input and
 * printing what the room says; or with {@code --udp} chats in turns with a {@code chat-server
 * --udp}, speaking first.
 */
@Command(
    name = "chat-client",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Joins a chat room over TCP, or with --udp chats in turns, speaking first.")
public final class ChatClientCommand implements Callable<Integer> {
  /** Cap on a line from the server: a full message with its time, name and frame. */
  private static final int MAX_LINE_BYTES = 1 << 16;

  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  @Option(names = "--udp", description = "Two-person chat in turns over UDP.")
  private boolean udp;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "Server host (default: ${DEFAULT-VALUE}).")
  private String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "" + ChatServerCommand.DEFAULT_PORT,
      description = "Server port (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "TCP: name to take on joining (sends /nick NAME).")
  private String name;

  @Option(
      names = "--timeout",
      defaultValue = "10m",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = {
        "UDP: end the chat when the other side is silent this long",
        "(500ms, 10s, 10m; default: ${DEFAULT-VALUE})."
      })
  private Duration timeout;

  @ArgGroup(exclusive = true)
  private KeyOptions keys;

  @Spec private CommandSpec spec;

  private final InputStream stdin;

  public ChatClientCommand() {
    this(System.in);
  }

  /** For tests and embedding: the person's lines are read from {@code stdin}. */
  public ChatClientCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  public static void main(String[] args) {
    System.exit(commandLine(new ChatClientCommand()).execute(args));
  }

  /** {@code bin/chat-client} as a person runs it. */
  public static CommandLine commandLine(ChatClientCommand command) {
    return LabCommandLine.of(command, LabCommandLine.Side.CLIENT);
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try {
      Optional<IntegrityKey> key = keys == null ? Optional.empty() : keys.key();
      MessageCodec codec = MessageCodec.forKey(key, Role.CLIENT);
      BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, UTF_8));
      InetSocketAddress server = new InetSocketAddress(host, port);
      if (server.isUnresolved()) {
        throw new IOException("unknown host " + host);
      }
      if (udp) {
        chatInTurns(server, codec, lines, out);
      } else {
        joinRoom(server, codec, lines, out);
      }
      return ExitCodes.OK;
    } finally {
      out.flush();
    }
  }

  private void chatInTurns(
      InetSocketAddress server, MessageCodec codec, BufferedReader lines, PrintWriter out)
      throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
      new UdpTurnChat(socket, codec, lines, out).speakFirst(server);
    }
  }

  /**
   * Sends standard input from a thread of its own and prints the room's lines on this one, until
   * the server closes the connection (after {@code /quit}, sent at end of input).
   */
  private void joinRoom(
      InetSocketAddress server, MessageCodec codec, BufferedReader lines, PrintWriter out)
      throws IOException {
    try (Socket socket = new Socket()) {
      try {
        socket.connect(server, CONNECT_TIMEOUT_MILLIS);
      } catch (IOException e) {
        throw new IOException("cannot reach " + host + ":" + port + ": " + e.getMessage(), e);
      }
      // No read timeout: a quiet room is normal. Keep-alive notices a vanished server.
      socket.setKeepAlive(true);
      socket.setTcpNoDelay(true);
      OutputStream toServer = socket.getOutputStream();
      if (name != null) {
        send(toServer, codec, "/nick " + name);
      }
      Thread.ofPlatform().daemon().name("chat-input").start(() -> pump(lines, toServer, codec));
      LineReader fromServer =
          new LineReader(new BufferedInputStream(socket.getInputStream()), MAX_LINE_BYTES);
      try {
        for (byte[] line = fromServer.readLine(); line != null; line = fromServer.readLine()) {
          out.println(shown(codec, new String(line, UTF_8)));
          out.flush();
        }
      } catch (IOException e) {
        throw new IOException("connection to " + host + ":" + port + " lost: " + e.getMessage(), e);
      }
    }
  }

  private static String shown(MessageCodec codec, String line) {
    try {
      return ChatText.shown(codec.open(line));
    } catch (IntegrityException e) {
      return IntegrityException.USER_MESSAGE;
    }
  }

  private static void pump(BufferedReader lines, OutputStream toServer, MessageCodec codec) {
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        send(toServer, codec, line);
      }
      send(toServer, codec, "/quit");
    } catch (IOException e) {
      // The connection is gone; the reading side reports it.
    }
  }

  private static void send(OutputStream out, MessageCodec codec, String text) throws IOException {
    out.write((codec.seal(text) + LineReader.CRLF).getBytes(UTF_8));
    out.flush();
  }
}
