package org.netlab.phonebook.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Idempotency keys in the embedded SQLite store. */
class SqliteIdempotencyKeysTest extends IdempotencyKeysContract {
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
