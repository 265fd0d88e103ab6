package org.netlab.rpc.client.cli;

import java.util.concurrent.Callable;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.VersionProvider;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the bash (and zsh) completion script picocli generates for the whole command tree. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Prints a bash/zsh completion script for rpc-client.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(bin/rpc-client completion)          # this shell only",
      "  bin/rpc-client completion > ~/.local/share/bash-completion/completions/rpc-client"
    })
final class CompletionCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("rpc-client", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
