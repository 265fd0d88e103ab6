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
import org.netlab.cli.DurationConverter;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.cli.LabCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code finger [-lmsp] [user ...] [user@host ...]}: asks finger servers about users, or who is
 * logged in, one query per argument, answers in the order given. {@code user@h1@h2} connects to h2
 * and asks it to forward to h1. What servers send is shown without control characters.
 */
@Command(
    name = "finger",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Finger client (RFC 1288): who is USER, or who is logged in on HOST.",
      "One query per argument, answers shown in the order given."
    })
public final class FingerCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "[USER][@HOST[:PORT]]",
      description = {
        "Whom to ask about and where; @HOST alone lists who is logged in there.",
        "Default: everyone, on localhost."
      })
  private List<String> targets = new ArrayList<>();

  @Option(
      names = {"-l", "--long"},
      description = {"Long form (sends /W): adds project, PGP key and plan."})
  private boolean longForm;

  @Option(
      names = {"-s", "--short"},
      description = {"Short form (no /W), the default; for habit, and to say so."})
  private boolean shortForm;

  @Option(
      names = {"-p", "--no-plan"},
      description = {
        "Leave out plan, project and PGP key: never sends /W,",
        "so even with -l they are not asked for."
      })
  private boolean noPlan;

  @Option(
      names = {"-m", "--match-login"},
      description = {
        "Show only accounts whose login is USER exactly",
        "(servers also match words of full names)."
      })
  private boolean loginOnly;

  @Option(names = "--login", paramLabel = "USER", description = "The user to ask about.")
  private String login;

  @Option(names = "--host", paramLabel = "HOST[:PORT]", description = "The server to ask.")
  private String host;

  @Option(
      names = "--port",
      description = {
        "Server port (default: " + FingerProtocol.DEFAULT_PORT + ", as fingerd;",
        "79 for a classic daemon)."
      })
  private Integer port;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = {
        "Bound on connecting and on each whole answer",
        "(500ms, 10s, 1m; default: ${DEFAULT-VALUE})."
      })
  private Duration timeout;

  /** One query to send: where, and what. */
  private record Request(FingerServerAddress server, FingerQuery query) {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** {@code bin/finger} as a person runs it. */
  public static CommandLine commandLine() {
    return LabCommandLine.of(new FingerCommand(), LabCommandLine.Side.CLIENT);
  }

  @Override
  public Integer call() {
    if (longForm && shortForm) {
      throw usage("give -l or -s, not both");
    }
    if (login != null && !targets.isEmpty()) {
      throw usage("give users either as arguments or with --login, not both");
    }
    List<String> given = login != null ? List.of(login) : targets.isEmpty() ? List.of("") : targets;
    // Every argument is checked before anything is sent.
    List<Request> requests = given.stream().map(this::request).toList();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FingerClient client = new FingerClient(timeout, FingerClient.DEFAULT_MAX_REPLY_BYTES);
    int exit = ExitCodes.OK;
    boolean first = true;
    for (Request request : requests) {
      try {
        FingerClient.Answer answer = client.query(request.server(), request.query());
        String text = answer.text().replace("\r\n", "\n").replace('\r', '\n');
        if (loginOnly && !request.query().isList()) {
          text = LoginMatch.keep(text, request.query().user());
        }
        if (!first) {
          out.println();
        }
        first = false;
        out.print(text);
        out.flush();
        if (answer.truncated()) {
          err.println("finger: answer cut at " + FingerClient.DEFAULT_MAX_REPLY_BYTES + " bytes");
        }
      } catch (SocketTimeoutException e) {
        err.println("finger: " + request.server() + ": " + e.getMessage());
        exit = ExitCodes.NO_ANSWER;
      } catch (IOException e) {
        err.println("finger: cannot reach " + request.server() + ": " + e.getMessage());
        exit = ExitCodes.NO_ANSWER;
      }
      err.flush();
    }
    return exit;
  }

  private Request request(String target) {
    String[] parts = target.split("@", -1);
    List<String> hosts = new ArrayList<>(Arrays.asList(parts).subList(1, parts.length));
    String user = parts[0];
    if (host != null) {
      if (!hosts.isEmpty()) {
        throw usage("give the host either after @ or with --host, not both");
      }
      hosts.add(host);
    }
    FingerServerAddress server = server(hosts);
    StringBuilder line = new StringBuilder(longForm && !noPlan ? "/W " : "").append(user);
    hosts.forEach(h -> line.append('@').append(h));
    try {
      return new Request(server, FingerQuery.parse(line.toString().getBytes(US_ASCII)));
    } catch (InvalidQueryException e) {
      throw usage(target + ": " + e.getMessage());
    }
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

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
