package org.netlab.labs.pay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import picocli.CommandLine;

/** {@code bin/pay-server}'s money supply: what new accounts get, and grants. */
@Timeout(30)
class PayServerCommandTest {
  @TempDir Path directory;

  @Test
  void newAccountsGetTheLabsBalanceOnLoopbackAndNothingWhereStrangersCouldRegister()
      throws Exception {
    assertEquals(100_00, PayServerCommand.openingBalance(null, InetAddress.getLoopbackAddress()));
    assertEquals(0, PayServerCommand.openingBalance(null, InetAddress.getByName("0.0.0.0")));
    assertEquals(0, PayServerCommand.openingBalance(null, InetAddress.getByName("192.0.2.7")));
    assertEquals(25_00, PayServerCommand.openingBalance("25", InetAddress.getByName("0.0.0.0")));
  }

  @Test
  void grantFundsARegisteredAccountFromTheIssuer() throws Exception {
    String url = "jdbc:sqlite:" + directory.resolve("ledger.db");
    try (PayLab lab = PayLab.start(directory, url, settings -> settings.withOpeningBalance(0))) {
      lab.register("alice");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine command = PayServerCommand.commandLine(new PayServerCommand());
      command.setOut(new PrintWriter(out, true));
      command.setErr(new PrintWriter(err, true));

      int granted = command.execute("grant", "alice", "50", "--ledger", url);
      int unknown = command.execute("grant", "zoe", "50", "--ledger", url);

      assertEquals(ExitCodes.OK, granted, err.toString());
      assertTrue(out.toString().startsWith("granted 50.00 to alice (transfer "), out.toString());
      assertTrue(out.toString().endsWith("; balance 50.00\n"), out.toString());
      assertEquals(50_00, lab.balance("alice"));
      assertEquals(ExitCodes.USAGE, unknown);
      assertTrue(err.toString().contains("no user is called zoe"), err.toString());
      assertEquals(0, lab.ledger.snapshot().total());
    }
  }
}
