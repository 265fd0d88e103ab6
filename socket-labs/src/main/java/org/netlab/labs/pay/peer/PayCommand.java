package org.netlab.labs.pay.peer;

import java.util.concurrent.Callable;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.cli.LabCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code bin/pay}: a peer of the payment lab. */
@Command(
    name = "pay",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "A peer of the payment lab: register, go online, pay other peers directly over",
      "mutual TLS and accept or decline their payments; the central server settles."
    },
    subcommands = {
      RegisterCommand.class,
      LoginCommand.class,
      ListCommand.class,
      BalanceCommand.class,
      SendCommand.class,
      HistoryCommand.class,
      CancelCommand.class,
      BenchCommand.class
    })
public final class PayCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    return LabCommandLine.configure(new CommandLine(new PayCommand()), LabCommandLine.Side.CLIENT);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
