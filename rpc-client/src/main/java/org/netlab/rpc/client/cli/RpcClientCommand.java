package org.netlab.rpc.client.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.netlab.cli.StandardCommandLine;
import org.netlab.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rpc-client}: the Calculator and Phonebook from the command line, and a load generator. */
@Command(
    name = "rpc-client",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Calls the netlab Calculator and Phonebook over gRPC or XML-RPC.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rpc-client calc add 2 3",
      "  rpc-client --server https://localhost:8443/RPC2 phonebook find Alice",
      "  RPC_SERVER=grpc://10.0.0.5:50051 rpc-client phonebook list",
      "  rpc-client --server grpcs://rpc.example.org --token-file ~/netlab.token phonebook list",
      "  rpc-client describe",
      "  rpc-client bench --call calc.add --concurrency 16 --duration 10s",
      "",
      "Environment:",
      "  RPC_SERVER       server URL when --server is not given",
      "  RPC_TOKEN        token to send when --token-file is not given",
      "  NETLAB_DATA_DIR  data directory of the local server, whose tls/ca.pem and admin.token",
      "                   are the defaults (else $XDG_DATA_HOME/netlab, else ~/.local/share/netlab)"
    })
public final class RpcClientCommand implements Callable<Integer> {
  /**
   * The gRPC transport logs a failed TLS handshake with a pipeline and hex dump through
   * java.util.logging (or slf4j), which prints on standard error next to our one-line diagnosis.
   * The command says what went wrong itself, so those loggers are silenced; held here because
   * java.util.logging forgets the level of a logger nobody references.
   */
  private static final List<Logger> TRANSPORT_LOGGERS =
      List.of(Logger.getLogger("io.grpc"), Logger.getLogger("io.netty"));

  /** In the order of the help. */
  private static final Class<?>[] SUBCOMMANDS = {
    CalcCommand.class,
    PhonebookCommand.class,
    DescribeCommand.class,
    HealthCommand.class,
    TokenCommand.class,
    BenchCommand.class,
    CompletionCommand.class
  };

  /** The subcommands that work without their siblings ({@code completion} describes them all). */
  private static final Map<String, Class<?>> ONE_SHOT_BRANCHES =
      Map.of(
          "calc",
          CalcCommand.class,
          "phonebook",
          PhonebookCommand.class,
          "describe",
          DescribeCommand.class,
          "health",
          HealthCommand.class,
          "token",
          TokenCommand.class,
          "bench",
          BenchCommand.class);

  @Mixin private final ConnectionOptions connection;

  @Spec private CommandSpec spec;

  public RpcClientCommand(CommandContext context) {
    this.connection = new ConnectionOptions(context.environment());
  }

  /**
   * Netty's buffer events for Flight Recorder, off unless asked for: registering them loads the
   * recorder's classes, about 50 ms of every gRPC call from the command line. Set here, for this
   * process only, rather than by the library, whose users may want the events.
   */
  private static final String NETTY_JFR_EVENTS = "io.grpc.netty.shaded.io.netty.jfr.enabled";

  public static void main(String[] args) {
    if (System.getProperty(NETTY_JFR_EVENTS) == null) {
      System.setProperty(NETTY_JFR_EVENTS, "false");
    }
    System.exit(commandLine(CommandContext.system(), args).execute(args));
  }

  /** The whole command tree, wired to {@code context}, with the exit-code rules and help layout. */
  public static CommandLine commandLine(CommandContext context) {
    return tree(context, List.of(SUBCOMMANDS));
  }

  /**
   * The command tree that runs {@code args}. When they name one command other than {@code
   * completion}, only that branch is built: picocli's model of every command takes a one-shot call
   * longer than the call itself. The branch is used only if it parses {@code args} without help for
   * the root; otherwise the whole tree runs them, so help, usage errors and their suggestions read
   * as they always do.
   */
  static CommandLine commandLine(CommandContext context, String... args) {
    for (String arg : args) {
      Class<?> named = ONE_SHOT_BRANCHES.get(arg);
      if (named != null) {
        CommandLine branch = tree(context, List.of(named));
        try {
          CommandLine.ParseResult parsed = branch.parseArgs(args);
          if (!parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested()) {
            return branch;
          }
        } catch (CommandLine.PicocliException e) {
          // the whole tree reports it
        }
        break;
      }
    }
    return commandLine(context);
  }

  private static CommandLine tree(CommandContext context, List<Class<?>> subcommands) {
    TRANSPORT_LOGGERS.forEach(logger -> logger.setLevel(Level.OFF));
    // The same loggers when the transport finds slf4j; read as each logger is made.
    System.setProperty("org.slf4j.simpleLogger.log.io.grpc", "off");
    System.setProperty("org.slf4j.simpleLogger.log.io.netty", "off");
    CommandLine commandLine = new CommandLine(RpcClientCommand.class, new CommandFactory(context));
    subcommands.forEach(commandLine::addSubcommand);
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    return StandardCommandLine.configure(commandLine);
  }

  /** The connection options, wherever on the command line they were given. */
  ConnectionOptions connection() {
    return connection;
  }

  /** Without a subcommand there is nothing to do: show what there is. */
  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "missing command: calc, phonebook, describe, health, bench or completion");
  }
}
