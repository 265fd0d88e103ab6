package org.netlab.rpc.client.cli;

import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code phonebook find}: shows the entry with a name. */
@Command(
    name = "find",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Shows the entry with this name, ignoring case; exit 1 if there is none.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rpc-client phonebook find alice",
      "  rpc-client phonebook find --json alice | jq -r .number"
    })
final class PhonebookFindCommand implements Callable<Integer> {
  @ParentCommand private PhonebookCommand phonebook;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The name, ignoring case.")
  private String name;

  @Override
  public Integer call() {
    return phonebook.run(spec, s -> s.output().found(s.phonebook().find(name)));
  }
}
