package org.netlab.labs.pay.peer;

import java.util.concurrent.Callable;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.pay.Amounts;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code pay balance}. */
@Command(name = "balance", description = "Prints your balance.")
final class BalanceCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin PeerOptions options;

  @Override
  public Integer call() throws Exception {
    PeerIdentity me = options.identity();
    PayReply reply = options.ask(PayProtocol.BALANCE);
    spec.commandLine()
        .getOut()
        .printf("%s %s%n", me.name(), Amounts.format(Long.parseLong(reply.text())));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
