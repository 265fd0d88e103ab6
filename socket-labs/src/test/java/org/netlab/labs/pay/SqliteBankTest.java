package org.netlab.labs.pay;

/** The bank test on SQLite, a database file in the test's directory. */
class SqliteBankTest extends BankContract {
  @Override
  protected String freshLedger() {
    return "jdbc:sqlite:" + directory.resolve("ledger.db");
  }
}
