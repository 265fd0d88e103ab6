package org.netlab.phonebook.store;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Group commit on PostgreSQL, where a batch's counted writes go as one JDBC batch: run when {@code
 * NETLAB_TEST_POSTGRES_URL} names a database that the test may empty.
 */
@EnabledIfEnvironmentVariable(
    named = ScratchPostgres.URL_VARIABLE,
    matches = ScratchPostgres.URL_PATTERN)
class PostgresGroupCommitTest extends GroupCommitContract {
  @Override
  protected JdbcStore openEmptyStore() throws Exception {
    return ScratchPostgres.openEmpty();
  }

  @Override
  protected String jdbcUrl() {
    return System.getenv(ScratchPostgres.URL_VARIABLE);
  }
}
