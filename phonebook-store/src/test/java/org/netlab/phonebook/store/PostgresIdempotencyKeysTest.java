package org.netlab.phonebook.store;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Idempotency keys on PostgreSQL: run when {@code NETLAB_TEST_POSTGRES_URL} names a database that
 * the test may empty.
 */
@EnabledIfEnvironmentVariable(
    named = ScratchPostgres.URL_VARIABLE,
    matches = ScratchPostgres.URL_PATTERN)
class PostgresIdempotencyKeysTest extends IdempotencyKeysContract {
  @Override
  protected JdbcStore openEmptyStore() throws Exception {
    return ScratchPostgres.openEmpty();
  }

  @Override
  protected String jdbcUrl() {
    return System.getenv(ScratchPostgres.URL_VARIABLE);
  }
}
