package org.netlab.phonebook.store;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same contract on PostgreSQL, run when {@code NETLAB_TEST_POSTGRES_URL} names a database (a
 * JDBC URL with user and password) that the test may empty.
 */
@EnabledIfEnvironmentVariable(
    named = ScratchPostgres.URL_VARIABLE,
    matches = ScratchPostgres.URL_PATTERN)
class PostgresPhonebookTest extends PhonebookStoreContract {
  @Override
  protected JdbcStore openEmpty() throws Exception {
    return ScratchPostgres.openEmpty();
  }
}
