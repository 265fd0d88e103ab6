package org.netlab.rpc.client.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.VersionProvider;
import org.netlab.domain.phonebook.Phonebook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code phonebook clear}: removes every entry, after a "yes" read from standard input or with
 * {@code --yes}. Without either (input ended, as in a script with no terminal) it removes nothing
 * and fails as a usage error; a "no" fails with exit code 1.
 */
@Command(
    name = "clear",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Removes every entry. Asks for confirmation on standard input unless --yes;",
      "with no answer (no terminal, input ended) it removes nothing (exit 2)."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  rpc-client phonebook clear", "  rpc-client phonebook clear --yes --json"})
final class PhonebookClearCommand implements Callable<Integer> {
  @ParentCommand private PhonebookCommand phonebook;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask: remove everything.")
  private boolean yes;

  @Override
  public Integer call() {
    return phonebook.runWithStatus(
        spec,
        s -> {
          if (yes || confirmed(s.phonebook())) {
            s.output().cleared(s.phonebook().removeAll());
            return ExitCodes.OK;
          }
          spec.commandLine().getErr().println("nothing removed");
          return ExitCodes.REFUSED;
        });
  }

  /** The question goes to standard error so that standard output stays the result alone. */
  private boolean confirmed(Phonebook book) {
    long count = book.count();
    Prompter prompter = phonebook.prompter(spec.commandLine().getErr());
    Optional<String> answer =
        prompter.line("remove all " + PhonebookOutput.entries(count) + "? [y/N] ");
    if (answer.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "refusing to remove all entries without confirmation; pass --yes to do it anyway");
    }
    return answer.get().matches("(?i)y|yes");
  }
}
