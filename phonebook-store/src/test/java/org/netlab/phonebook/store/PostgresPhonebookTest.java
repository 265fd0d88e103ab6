package org.netlab.phonebook.store;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same contract on PostgreSQL, run when {@code NETLAB_TEST_POSTGRES_URL} names a database (a
 * JDBC URL with user and password) that the test may empty.
 */
@EnabledIfEnvironmentVariable(named = "NETLAB_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresPhonebookTest extends PhonebookStoreContract {
  @Override
  protected JdbcStore openEmpty() {
    JdbcStore store = JdbcStore.open(System.getenv("NETLAB_TEST_POSTGRES_URL"));
    store.phonebook().removeAll();
    return store;
  }
}
