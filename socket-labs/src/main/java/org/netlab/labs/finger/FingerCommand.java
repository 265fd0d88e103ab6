package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code finger [-l] [user][@host[:port]]}: asks a finger server about a user, or who is logged in.
 * {@code user@h1@h2} connects to h2 and asks it to forward to h1. What the server sends is shown
 * without control characters. Exit codes: 0 answered, 2 bad usage, 3 server unreachable or too
 * slow.
 */
@Command(
    name = "finger",
    mixinStandardHelpOptions = true,
    description = "Finger client (RFC 1288): who is USER, or who is logged in on HOST.")
public final class FingerCommand implements Callable<Integer> {
  static final int EXIT_UNREACHABLE = 3;

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "[USER][@HOST[:PORT]]",
      description = "Whom to ask about and where (default: everyone, on localhost).")
  private String target;

  @Option(
      names = {"-l", "--long"},
      description = "Long form (sends /W): plan, project, key.")
  private boolean longForm;

  @Option(names = "--login", paramLabel = "USER", description = "The user to ask about.")
  private String login;

  @Option(names = "--host", paramLabel = "HOST[:PORT]", description = "The server to ask.")
  private String host;

  @Option(
      names = "--port",
      description =
          "Server port (default: " + FingerProtocol.DEFAULT_PORT + "; 79 for a classic daemon).")
  private Integer port;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      converter = TimeoutConverter.class,
      description = "Bound on connecting and on the whole answer (default: ${DEFAULT-VALUE}).")
  private Duration timeout;

  public static void main(String[] args) {
    System.exit(new CommandLine(new FingerCommand()).execute(args));
  }

  @Override
  public Integer call() {
    List<String> hosts = new ArrayList<>();
    String user = splitTarget(hosts);
    FingerServerAddress server = server(hosts);
    FingerQuery query = query(user, hosts);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      FingerClient.Answer answer =
          new FingerClient(timeout, FingerClient.DEFAULT_MAX_REPLY_BYTES).query(server, query);
      out.print(answer.text().replace("\r\n", "\n").replace('\r', '\n'));
      out.flush();
      if (answer.truncated()) {
        err.println("finger: answer cut at " + FingerClient.DEFAULT_MAX_REPLY_BYTES + " bytes");
      }
      return 0;
    } catch (SocketTimeoutException e) {
      err.println("finger: " + server + ": " + e.getMessage());
      return EXIT_UNREACHABLE;
    } catch (IOException e) {
      err.println("finger: cannot reach " + server + ": " + e.getMessage());
      return EXIT_UNREACHABLE;
    }
  }

  /** The user part of the target; the hosts after it go into {@code hosts}. */
  private String splitTarget(List<String> hosts) {
    String[] parts = target == null ? new String[] {""} : target.split("@", -1);
    hosts.addAll(Arrays.asList(parts).subList(1, parts.length));
    String user = parts[0];
    if (login != null) {
      if (!user.isEmpty() && !user.equals(login)) {
        throw usage("give the user either in the argument or with --login, not both");
      }
      user = login;
    }
    if (host != null) {
      if (!hosts.isEmpty()) {
        throw usage("give the host either after @ or with --host, not both");
      }
      hosts.add(host);
    }
    return user;
  }

  /** The server to connect to: the rightmost host, removed from {@code hosts}. */
  private FingerServerAddress server(List<String> hosts) {
    String last = hosts.isEmpty() ? "localhost" : hosts.removeLast();
    try {
      FingerServerAddress parsed =
          FingerServerAddress.parse(last, port != null ? port : FingerProtocol.DEFAULT_PORT);
      if (port != null && parsed.port() != port) {
        throw usage("give the port either after the host or with --port, not both");
      }
      return parsed;
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private FingerQuery query(String user, List<String> hosts) {
    StringBuilder line = new StringBuilder(longForm ? "/W " : "").append(user);
    hosts.forEach(h -> line.append('@').append(h));
    try {
      return FingerQuery.parse(line.toString().getBytes(US_ASCII));
    } catch (InvalidQueryException e) {
      throw usage(e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
