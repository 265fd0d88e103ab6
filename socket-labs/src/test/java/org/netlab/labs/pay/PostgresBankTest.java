package org.netlab.labs.pay;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.netlab.labs.pay.ledger.ScratchPostgresDatabase;

/** The bank test on PostgreSQL, each test in a database of its own that is dropped after. */
@EnabledIfEnvironmentVariable(
    named = ScratchPostgresDatabase.URL_VARIABLE,
    matches = ScratchPostgresDatabase.URL_PATTERN,
    disabledReason = ScratchPostgresDatabase.SKIPPED)
class PostgresBankTest extends BankContract {
  private final List<ScratchPostgresDatabase> databases = new ArrayList<>();

  @Override
  protected String freshLedger() throws Exception {
    ScratchPostgresDatabase database = ScratchPostgresDatabase.create();
    databases.add(database);
    return database.url();
  }

  @AfterEach
  void dropDatabases() throws Exception {
    for (ScratchPostgresDatabase database : databases) {
      database.close();
    }
  }
}
