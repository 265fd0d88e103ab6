package org.netlab.rpc.client.cli;

import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code phonebook remove}: removes the entry with a name. */
@Command(
    name = "remove",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Removes the entry with this name, ignoring case; exit 1 if there is none.",
    footerHeading = "%nExamples:%n",
    footer = {"  rpc-client phonebook remove alice"})
final class PhonebookRemoveCommand implements Callable<Integer> {
  @ParentCommand private PhonebookCommand phonebook;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The name, ignoring case.")
  private String name;

  @Override
  public Integer call() {
    return phonebook.run(
        spec,
        s -> {
          s.phonebook().remove(name);
          s.output().removed(name);
        });
  }
}
