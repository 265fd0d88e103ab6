package org.netlab.phonebook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

  @Test
  void theStoreItsWriteAheadLogAndTheDirectoriesItCreatesAreOwnerOnly() throws Exception {
    Path nested = dataDir.resolve("a/b");
    try (JdbcPhonebook other = JdbcPhonebook.openEmbedded(nested)) {
      other.add("Ada", "555-0100"); // the -wal and -shm files exist while the store is open
      assertEquals("rwx------", permissions(dataDir.resolve("a")));
      assertEquals("rwx------", permissions(nested));
      for (String suffix : List.of("", "-wal", "-shm")) {
        Path file = nested.resolve(JdbcPhonebook.EMBEDDED_FILE_NAME + suffix);
        assertEquals("rw-------", permissions(file), file::toString);
      }
    }
  }

  @Test
  void aStoreThatOthersCouldReadIsMadeOwnerOnly() throws Exception {
    phonebook.add("Ada", "555-0100");
    phonebook.close();
    Path store = dataDir.resolve(JdbcPhonebook.EMBEDDED_FILE_NAME);
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-r--r--"));

    phonebook = JdbcPhonebook.openEmbedded(dataDir);
    assertEquals(1, phonebook.count());
    assertEquals("rw-------", permissions(store));
    assertEquals(
        "rw-------", permissions(dataDir.resolve(JdbcPhonebook.EMBEDDED_FILE_NAME + "-wal")));
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
