package org.netlab.phonebook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.phonebook.Entry;

class SqlitePhonebookTest extends PhonebookStoreContract {
  @TempDir Path dataDir;

  @Override
  protected JdbcPhonebook openEmpty() {
    return JdbcPhonebook.openEmbedded(dataDir);
  }

  @Test
  void storeIsOneFileInTheDataDirectory() {
    assertTrue(Files.exists(dataDir.resolve(JdbcPhonebook.EMBEDDED_FILE_NAME)));
  }

  @Test
  void entriesSurviveClosingAndReopening() {
    phonebook.add("Alice", "123");
    phonebook.add("Bob", "456");
    phonebook.remove("Bob");
    phonebook.close();

    phonebook = JdbcPhonebook.openEmbedded(dataDir);
    assertEquals(List.of(new Entry("Alice", "123")), phonebook.list(""));
  }

  @Test
  void closingTwiceIsSafe() {
    phonebook.close();
    phonebook.close();
  }

  @Test
  void createsAMissingDataDirectory() {
    Path nested = dataDir.resolve("a/b/c");
    try (JdbcPhonebook other = JdbcPhonebook.openEmbedded(nested)) {
      other.add("x", "123");
      assertEquals(1, other.count());
    }
  }
}
