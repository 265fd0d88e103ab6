package org.netlab.labs.pay;

import java.util.concurrent.Callable;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.pay.ledger.JdbcLedger;
import org.netlab.labs.pay.ledger.Ledger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pay-server grant NAME AMOUNT}: the operator funds an account from the issuer. */
@Command(
    name = "grant",
    description = {
      "Moves AMOUNT from the issuer to NAME's account, in the ledger itself: how accounts",
      "are funded when new ones open with nothing. The server may be running."
    })
final class GrantCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin LedgerOptions ledgerOptions;

  @Parameters(index = "0", paramLabel = "NAME", description = "A registered user.")
  String name;

  @Parameters(index = "1", paramLabel = "AMOUNT", description = "Such as 50 or 12.50.")
  String amount;

  @Override
  public Integer call() throws Exception {
    long minor = Amounts.parse(amount);
    try (Ledger ledger = JdbcLedger.open(ledgerOptions.ledgerUrl())) {
      long transfer = ledger.grant(UserNames.check(name), minor);
      spec.commandLine()
          .getOut()
          .printf(
              "granted %s to %s (transfer %d); balance %s%n",
              Amounts.format(minor),
              name,
              transfer,
              Amounts.format(ledger.account(name).orElseThrow().balance()));
      spec.commandLine().getOut().flush();
    }
    return ExitCodes.OK;
  }
}
