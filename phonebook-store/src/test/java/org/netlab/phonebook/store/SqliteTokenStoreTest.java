package org.netlab.phonebook.store;

/** The TokenStore contract on SQLite, embedded in a fresh data directory. */
class SqliteTokenStoreTest extends TokenStoreContract {
  @Override
  protected JdbcStore openEmpty() {
    return JdbcStore.openEmbedded(dataDir);
  }
}
