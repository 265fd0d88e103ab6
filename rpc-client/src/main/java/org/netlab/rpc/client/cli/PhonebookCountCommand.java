package org.netlab.rpc.client.cli;

import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code phonebook count}: prints how many entries there are. */
@Command(
    name = "count",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Prints how many entries there are.",
    footerHeading = "%nExamples:%n",
    footer = {"  rpc-client phonebook count"})
final class PhonebookCountCommand implements Callable<Integer> {
  @ParentCommand private PhonebookCommand phonebook;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    return phonebook.run(spec, s -> s.output().count(s.phonebook().count()));
  }
}
