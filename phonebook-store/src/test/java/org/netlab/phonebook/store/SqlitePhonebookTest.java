package org.netlab.phonebook.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The phonebook contract on SQLite, embedded in a fresh data directory. */
class SqlitePhonebookTest extends PhonebookStoreContract {
  @TempDir Path dataDir;

  @Override
  protected JdbcStore openEmpty() {
    return JdbcStore.openEmbedded(dataDir);
  }
}
