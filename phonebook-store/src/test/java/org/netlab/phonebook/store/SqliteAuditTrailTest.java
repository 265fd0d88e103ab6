package org.netlab.phonebook.store;

/** The AuditTrail contract on SQLite, embedded in a fresh data directory. */
class SqliteAuditTrailTest extends AuditTrailContract {
  @Override
  protected JdbcStore openEmpty() {
    return JdbcStore.openEmbedded(dataDir);
  }
}
