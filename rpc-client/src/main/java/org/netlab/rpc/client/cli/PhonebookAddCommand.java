package org.netlab.rpc.client.cli;

import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code phonebook add}: adds an entry. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Adds an entry; refused if the name is taken (ignoring case).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rpc-client phonebook add Alice 0123456789",
      "  rpc-client phonebook add \"Bob Martin\" \"+33 (0)1 23 45 67 89\""
    })
final class PhonebookAddCommand implements Callable<Integer> {
  @ParentCommand private PhonebookCommand phonebook;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "1 to 100 characters.")
  private String name;

  @Parameters(
      index = "1",
      paramLabel = "NUMBER",
      description = "3 to 20 digits; quote it if it has spaces.")
  private String number;

  @Override
  public Integer call() {
    return phonebook.run(spec, s -> s.output().added(s.phonebook().add(name, number)));
  }
}
