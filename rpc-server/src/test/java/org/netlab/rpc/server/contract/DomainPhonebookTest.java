package org.netlab.rpc.server.contract;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.domain.phonebook.jdbc.JdbcPhonebook;

class DomainPhonebookTest extends PhonebookContract {
  @TempDir static Path dataDir;
  private static JdbcPhonebook store;

  @BeforeAll
  static void open() {
    store = JdbcPhonebook.openEmbedded(dataDir);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Override
  protected Phonebook phonebook() {
    return store;
  }
}
