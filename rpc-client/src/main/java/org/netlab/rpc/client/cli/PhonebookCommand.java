package org.netlab.rpc.client.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.VersionProvider;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code phonebook}: the interactive menu without a subcommand, or one operation. */
@Command(
    name = "phonebook",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Without a subcommand: the interactive phonebook menu.",
      "Names are unique ignoring case; numbers hold 3 to 20 digits, with an optional",
      "leading '+', spaces, dots, dashes and parentheses."
    },
    subcommands = {
      PhonebookAddCommand.class,
      PhonebookUpdateCommand.class,
      PhonebookFindCommand.class,
      PhonebookCountCommand.class,
      PhonebookRemoveCommand.class,
      PhonebookClearCommand.class,
      PhonebookListCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rpc-client phonebook                          # the menu",
      "  rpc-client phonebook add Alice '+33 1 23 45 67 89'",
      "  rpc-client phonebook find alice",
      "  rpc-client phonebook --json list Al           # [{\"name\":\"Alice\",...}]",
      "  rpc-client phonebook clear --yes"
    })
final class PhonebookCommand implements Callable<Integer> {
  private final CommandContext context;

  @ParentCommand private RpcClientCommand root;

  @Spec private CommandSpec spec;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print results as JSON, one value per command (not in the menu).")
  private boolean json;

  PhonebookCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ClientSettings settings = root.connection().settings();
    try (RpcConnection connection = context.connector().open(settings)) {
      // A server or store that cannot answer is said at once, before the person types anything.
      connection.phonebook().count();
      PhonebookMenu menu =
          new PhonebookMenu(
              connection.phonebook(),
              prompter(),
              new PhonebookOutput(spec.commandLine().getOut(), false));
      menu.run(settings.url().toString());
    }
    return ExitCodes.OK;
  }

  /**
   * Runs one operation of a subcommand against the phonebook and shows its result through {@code
   * output}; refusals and transport failures propagate to the exit code.
   */
  int run(CommandSpec subcommand, Consumer<PhonebookSession> operation) {
    return runWithStatus(
        subcommand,
        session -> {
          operation.accept(session);
          return ExitCodes.OK;
        });
  }

  /** As {@link #run}, for an operation that decides its exit status itself. */
  int runWithStatus(CommandSpec subcommand, ToIntFunction<PhonebookSession> operation) {
    try (RpcConnection connection = context.connector().open(root.connection().settings())) {
      PhonebookOutput output = new PhonebookOutput(subcommand.commandLine().getOut(), json);
      return operation.applyAsInt(new PhonebookSession(connection.phonebook(), output));
    }
  }

  /** Questions on standard input, asked on standard output. */
  Prompter prompter() {
    return prompter(spec.commandLine().getOut());
  }

  /** Questions on standard input, asked on {@code out}. */
  Prompter prompter(PrintWriter out) {
    return new Prompter(context.stdinReader(), out);
  }

  /** The phonebook and the output of one subcommand. */
  record PhonebookSession(Phonebook phonebook, PhonebookOutput output) {}
}
