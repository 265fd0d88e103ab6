package org.netlab.labs.pay.peer;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code pay list}: who is online, where their own server listens, their certificate. */
@Command(
    name = "list",
    description = "Lists the users online: name, address, port, certificate SHA-256.")
final class ListCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin PeerOptions options;

  @Override
  public Integer call() throws Exception {
    PayReply reply = options.ask(PayProtocol.LIST);
    PrintWriter out = spec.commandLine().getOut();
    for (String line : reply.lines()) {
      out.println(line);
    }
    out.printf("%s online%n", reply.text());
    out.flush();
    return ExitCodes.OK;
  }
}
