package org.netlab.labs.pay.peer;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pay history}: your ledger entries, newest first. */
@Command(name = "history", description = "Prints your latest ledger entries, newest first.")
final class HistoryCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin PeerOptions options;

  @Option(
      names = {"-n", "--count"},
      defaultValue = "" + PayProtocol.DEFAULT_HISTORY,
      description =
          "How many entries (default: ${DEFAULT-VALUE}, at most " + PayProtocol.MAX_HISTORY + ").")
  int count;

  @Override
  public Integer call() throws Exception {
    PayReply reply = options.ask(PayProtocol.HISTORY + " " + count);
    PrintWriter out = spec.commandLine().getOut();
    for (String line : reply.lines()) {
      out.println(HistoryLines.describe(line));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
