package org.netlab.phonebook.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A store opened empty before each test and closed after it, on the database a subclass picks. */
@Timeout(60)
abstract class EmptyStoreFixture {
  /** A fresh data directory, for an embedded store. */
  @TempDir protected Path dataDir;

  protected JdbcStore store;

  /** Opens the store under test with its tables empty. */
  protected abstract JdbcStore openEmpty() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = openEmpty();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }
}
