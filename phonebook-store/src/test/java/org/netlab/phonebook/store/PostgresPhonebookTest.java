package org.netlab.phonebook.store;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The same contract on PostgreSQL, run when {@code NETLAB_TEST_POSTGRES_URL} names a database (a
 * JDBC URL with user and password) that the test may empty.
 */
@EnabledIfEnvironmentVariable(named = "NETLAB_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
class PostgresPhonebookTest extends PhonebookStoreContract {
  @Override
  protected JdbcPhonebook openEmpty() {
    JdbcPhonebook store = JdbcPhonebook.open(System.getenv("NETLAB_TEST_POSTGRES_URL"));
    store.removeAll();
    return store;
  }
}
