package org.netlab.phonebook.store;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The TokenStore contract on PostgreSQL, when {@code NETLAB_TEST_POSTGRES_URL} names one. */
@EnabledIfEnvironmentVariable(
    named = ScratchPostgres.URL_VARIABLE,
    matches = ScratchPostgres.URL_PATTERN)
class PostgresTokenStoreTest extends TokenStoreContract {
  @Override
  protected JdbcStore openEmpty() throws Exception {
    return ScratchPostgres.openEmpty();
  }
}
