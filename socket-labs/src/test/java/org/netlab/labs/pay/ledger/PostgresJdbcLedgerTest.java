package org.netlab.labs.pay.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The ledger's contract on PostgreSQL, in a database of its own that is dropped after. */
@EnabledIfEnvironmentVariable(
    named = ScratchPostgresDatabase.URL_VARIABLE,
    matches = ScratchPostgresDatabase.URL_PATTERN,
    disabledReason = ScratchPostgresDatabase.SKIPPED)
class PostgresJdbcLedgerTest extends JdbcLedgerContract {
  private static ScratchPostgresDatabase database;

  @BeforeAll
  static void createDatabase() throws Exception {
    database = ScratchPostgresDatabase.create();
  }

  @AfterAll
  static void dropDatabase() throws Exception {
    if (database != null) {
      database.close();
    }
  }

  @Override
  protected String jdbcUrl() {
    return database.url();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void theDescriptionHidesThePassword() {
    // The scratch server trusts loopback, so a password is accepted and ignored.
    try (JdbcLedger withPassword =
        JdbcLedger.open(jdbcUrl() + (jdbcUrl().contains("?") ? "&" : "?") + "password=s3cret")) {
      assertFalse(withPassword.description().contains("s3cret"), withPassword.description());
      assertTrue(withPassword.description().contains("password=***"), withPassword.description());
      assertEquals(0, withPassword.snapshot().total());
    }
  }
}
