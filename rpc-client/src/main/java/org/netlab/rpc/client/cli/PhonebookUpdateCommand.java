package org.netlab.rpc.client.cli;

import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code phonebook update}: replaces the number of an entry. */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Replaces the number of an existing entry.",
    footerHeading = "%nExamples:%n",
    footer = {"  rpc-client phonebook update alice 555-0199"})
final class PhonebookUpdateCommand implements Callable<Integer> {
  @ParentCommand private PhonebookCommand phonebook;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "The name, ignoring case.")
  private String name;

  @Parameters(index = "1", paramLabel = "NUMBER", description = "The new number.")
  private String number;

  @Override
  public Integer call() {
    return phonebook.run(spec, s -> s.output().updated(s.phonebook().update(name, number)));
  }
}
