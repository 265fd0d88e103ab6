package org.netlab.phonebook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;

/** The store itself, embedded in SQLite: its files, reopening it, and a database out of reach. */
@Timeout(60)
class JdbcStoreTest {
  @TempDir Path dataDir;
  private JdbcStore store;

  @BeforeEach
  void open() {
    store = JdbcStore.openEmbedded(dataDir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void storeIsOneFileInTheDataDirectory() {
    assertTrue(Files.exists(dataDir.resolve(JdbcStore.EMBEDDED_FILE_NAME)));
    assertEquals(
        "jdbc:sqlite:" + dataDir.resolve(JdbcStore.EMBEDDED_FILE_NAME), store.description());
  }

  @Test
  void entriesSurviveClosingAndReopening() {
    store.phonebook().add("Alice", "123");
    store.phonebook().add("Bob", "456");
    store.phonebook().remove("Bob");
    store.close();

    store = JdbcStore.openEmbedded(dataDir);
    assertEquals(List.of(new Entry("Alice", "123")), store.phonebook().list(""));
  }

  @Test
  void closingTwiceIsSafe() {
    store.close();
    store.close();
  }

  @Test
  void aClosedStoreIsUnavailable() {
    store.close();
    ServiceException refusal =
        assertThrows(ServiceException.class, () -> store.phonebook().find("Ada"));
    assertEquals(ErrorCode.UNAVAILABLE, refusal.code());
    assertEquals("the phonebook store is unavailable; try again later", refusal.getMessage());
  }

  @Test
  void createsAMissingDataDirectory() {
    Path nested = dataDir.resolve("a/b/c");
    try (JdbcStore other = JdbcStore.openEmbedded(nested)) {
      other.phonebook().add("x", "123");
      assertEquals(1, other.phonebook().count());
    }
  }

  @Test
  void theStoreItsWriteAheadLogAndTheDirectoriesItCreatesAreOwnerOnly() throws Exception {
    Path nested = dataDir.resolve("a/b");
    try (JdbcStore other = JdbcStore.openEmbedded(nested)) {
      other.phonebook().add("Ada", "555-0100"); // the -wal and -shm files exist while it is open
      assertEquals("rwx------", permissions(dataDir.resolve("a")));
      assertEquals("rwx------", permissions(nested));
      for (String suffix : List.of("", "-wal", "-shm")) {
        Path file = nested.resolve(JdbcStore.EMBEDDED_FILE_NAME + suffix);
        assertEquals("rw-------", permissions(file), file::toString);
      }
    }
  }

  @Test
  void aStoreThatOthersCouldReadIsMadeOwnerOnly() throws Exception {
    store.phonebook().add("Ada", "555-0100");
    store.close();
    Path file = dataDir.resolve(JdbcStore.EMBEDDED_FILE_NAME);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    store = JdbcStore.openEmbedded(dataDir);
    assertEquals(1, store.phonebook().count());
    assertEquals("rw-------", permissions(file));
    assertEquals("rw-------", permissions(dataDir.resolve(JdbcStore.EMBEDDED_FILE_NAME + "-wal")));
  }

  @Test
  void aDatabaseOutOfReachIsUnavailableAndItsPasswordIsMasked() {
    ServiceException refusal =
        assertThrows(
            ServiceException.class,
            () -> JdbcStore.open("jdbc:postgresql://127.0.0.1:1/netlab?user=u&password=hunter2"));
    assertEquals(ErrorCode.UNAVAILABLE, refusal.code());
    assertEquals(
        "cannot open the phonebook store at"
            + " jdbc:postgresql://127.0.0.1:1/netlab?user=u&password=***",
        refusal.getMessage());
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
