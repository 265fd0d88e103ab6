package org.netlab.phonebook.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Group commit on the embedded SQLite store. */
class SqliteGroupCommitTest extends GroupCommitContract {
  @TempDir Path dataDir;

  @Override
  protected JdbcStore openEmptyStore() {
    return JdbcStore.openEmbedded(dataDir);
  }

  @Override
  protected String jdbcUrl() {
    return "jdbc:sqlite:" + dataDir.resolve(JdbcStore.EMBEDDED_FILE_NAME);
  }
}
