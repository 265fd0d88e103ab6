package org.netlab.rpc.client.cli;

import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code phonebook list}: lists entries, sorted by name. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Lists the entries whose name starts with PREFIX (ignoring case), or all of them, sorted by"
            + " name.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rpc-client phonebook list",
      "  rpc-client phonebook list al",
      "  rpc-client phonebook list --json | jq length"
    })
final class PhonebookListCommand implements Callable<Integer> {
  @ParentCommand private PhonebookCommand phonebook;

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PREFIX",
      description = "Start of the names; all entries when left out.")
  private String prefix = "";

  @Override
  public Integer call() {
    return phonebook.run(spec, s -> s.output().list(prefix, s.phonebook().list(prefix)));
  }
}
