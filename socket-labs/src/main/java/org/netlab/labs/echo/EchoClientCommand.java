package org.netlab.labs.echo;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
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
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code echo-client}: sends each line of standard input to an echo server and prints each reply.
 * Over UDP, a line {@code FIN} (any case) ends the exchange after the server's reply.
 */
@Command(
    name = "echo-client",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Sends each line of standard input to an echo server and prints the reply.")
public final class EchoClientCommand implements Callable<Integer> {
  @ArgGroup(exclusive = true, multiplicity = "1")
  private Transport transport;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "Server host (default: ${DEFAULT-VALUE}).")
  private String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "" + EchoServerCommand.DEFAULT_PORT,
      description = "Server port (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--timeout",
      defaultValue = "1s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = {
        "UDP: wait for each try; TCP: connect, and wait for each reply",
        "(500ms, 1s, 1m; default: ${DEFAULT-VALUE})."
      })
  private Duration timeout;

  @Option(
      names = "--tries",
      paramLabel = "N",
      defaultValue = "3",
      description = "UDP: sends of one line before giving up (default: ${DEFAULT-VALUE}).")
  private int tries;

  @ArgGroup(exclusive = true)
  private KeyOptions keys;

  @Spec private CommandSpec spec;

  private final InputStream stdin;

  public EchoClientCommand() {
    this(System.in);
  }

  /** For tests and embedding: lines are read from {@code stdin}. */
  public EchoClientCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  public static void main(String[] args) {
    System.exit(commandLine(new EchoClientCommand()).execute(args));
  }

  /** {@code bin/echo-client} as a person runs it. */
  public static CommandLine commandLine(EchoClientCommand command) {
    return LabCommandLine.of(command, LabCommandLine.Side.CLIENT);
  }

  @Override
  public Integer call() throws IOException {
    if (tries < 1) {
      throw new ParameterException(spec.commandLine(), "--tries must be at least 1");
    }
    if (transport.udp && keys != null) {
      throw new ParameterException(spec.commandLine(), "--key and --key-file work with --tcp only");
    }
    PrintWriter out = spec.commandLine().getOut();
    BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, UTF_8));
    try (EchoClient client = connect()) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        out.println(replyTo(client, line));
        out.flush();
        if (transport.udp && line.strip().equalsIgnoreCase(UdpEchoServer.FIN)) {
          break;
        }
      }
      return ExitCodes.OK;
    } finally {
      out.flush();
    }
  }

  private static String replyTo(EchoClient client, String line) throws IOException {
    try {
      return client.echo(line);
    } catch (IntegrityException e) {
      return IntegrityException.USER_MESSAGE;
    }
  }

  private EchoClient connect() throws IOException {
    InetSocketAddress server = new InetSocketAddress(host, port);
    if (transport.udp) {
      return new UdpEchoClient(server, timeout, tries);
    }
    Optional<IntegrityKey> key = keys == null ? Optional.empty() : keys.key();
    return new TcpEchoClient(server, timeout, MessageCodec.forKey(key, Role.CLIENT));
  }
}
