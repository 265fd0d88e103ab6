package org.netlab.labs.pay.peer;

import java.util.concurrent.Callable;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pay cancel ORDER_ID}: makes sure an order you signed never settles. */
@Command(
    name = "cancel",
    description = {
      "Gives up an order you signed, so it can never settle; says so if it settled already.",
      "send does this itself when the payee does not answer."
    })
final class CancelCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin PeerOptions options;

  @Parameters(paramLabel = "ORDER_ID", description = "The id of the order.")
  String orderId;

  @Override
  public Integer call() throws Exception {
    PayReply reply = options.ask(PayProtocol.CANCEL + " " + orderId);
    spec.commandLine().getOut().println(reply);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
