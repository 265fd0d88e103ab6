package org.netlab.rpc.client.cli;

import java.util.concurrent.Callable;
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
    subcommands = {
      CalcCommand.class,
      PhonebookCommand.class,
      BenchCommand.class,
      CompletionCommand.class
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  done",
      "  1  the service refused the call (the message says why)",
      "  2  usage error",
      "  3  the server could not be reached or trusted, or did not answer in time",
      "",
      "Examples:",
      "  rpc-client calc add 2 3",
      "  rpc-client --server https://localhost:8443/RPC2 phonebook find Alice",
      "  RPC_SERVER=grpc://10.0.0.5:50051 rpc-client phonebook list",
      "  rpc-client bench --call calc.add --concurrency 16 --duration 10s"
    })
public final class RpcClientCommand implements Callable<Integer> {
  @Mixin private final ConnectionOptions connection;

  @Spec private CommandSpec spec;

  public RpcClientCommand(CommandContext context) {
    this.connection = new ConnectionOptions(context.environment());
  }

  public static void main(String[] args) {
    System.exit(commandLine(CommandContext.system()).execute(args));
  }

  /** The whole command tree, wired to {@code context} and with the exit-code rules. */
  public static CommandLine commandLine(CommandContext context) {
    CommandLine commandLine = new CommandLine(RpcClientCommand.class, new CommandFactory(context));
    commandLine.setExecutionExceptionHandler(new ErrorReporter());
    return commandLine;
  }

  /** The connection options, wherever on the command line they were given. */
  ConnectionOptions connection() {
    return connection;
  }

  /** Without a subcommand there is nothing to do: show what there is. */
  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: calc, phonebook, bench or completion");
  }
}
