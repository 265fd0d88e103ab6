package org.netlab.labs.pay.ledger;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The ledger's contract on SQLite, in a fresh file for each test. */
class SqliteJdbcLedgerTest extends JdbcLedgerContract {
  @TempDir Path dataDir;

  @Override
  protected String jdbcUrl() {
    return "jdbc:sqlite:" + dataDir.resolve("ledger.db");
  }
}
