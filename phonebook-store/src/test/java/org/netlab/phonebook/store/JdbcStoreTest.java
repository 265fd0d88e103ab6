package org.netlab.phonebook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.access.AuditEvent;
import org.netlab.access.Role;
import org.netlab.access.TokenAdministration;
import org.netlab.access.TokenAdministration.IssuedToken;
import org.netlab.access.TokenRecord;
import org.netlab.access.Tokens;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;

/**
 * The store itself, embedded in SQLite: its files, what they hold, reopening it, and a database out
 * of reach.
 */
@Timeout(60)
class JdbcStoreTest {
  private static final Instant CREATED = Instant.parse("2025-03-01T09:30:00Z");

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
  void everythingSurvivesClosingAndReopening() {
    store.phonebook().add("Alice", "123");
    store.phonebook().add("Bob", "456");
    store.phonebook().remove("Bob");
    TokenRecord token =
        new TokenRecord("ops", Role.ADMIN, Tokens.hash(Tokens.generate()), CREATED, null);
    store.tokens().create(token);
    AuditEvent before = new AuditEvent(CREATED, "token:ops", "tokens.create", "ops", "OK");
    store.audit().record(before);
    store.close();

    store = JdbcStore.openEmbedded(dataDir);
    assertEquals(List.of(new Entry("Alice", "123")), store.phonebook().list(""));
    assertEquals(List.of(token), store.tokens().list());
    AuditEvent after = new AuditEvent(CREATED, "token:ops", "tokens.list", "", "OK");
    store.audit().record(after);
    assertEquals(List.of(before, after), store.audit().recent(10));
  }

  @Test
  void reopeningFindsItsTablesAndAddsNone() throws Exception {
    store.close();
    store = JdbcStore.openEmbedded(dataDir);
    store.close();
    try (Connection connection =
            DriverManager.getConnection(
                "jdbc:sqlite:" + dataDir.resolve(JdbcStore.EMBEDDED_FILE_NAME));
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                    + " ORDER BY name")) {
      List<String> tables = new ArrayList<>();
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
      assertEquals(
          List.of("access_tokens", "audit_events", "idempotency_keys", "phonebook_entries"),
          tables);
    }
  }

  @Test
  void aTokenIsKeptOnlyAsItsHashInTheDatabaseAndItsLog() throws Exception {
    TokenAdministration administration =
        new TokenAdministration(store.tokens(), Clock.systemUTC(), () -> {});
    IssuedToken issued = administration.create("ops", Role.ADMIN, Duration.ofDays(30));
    Path file = dataDir.resolve(JdbcStore.EMBEDDED_FILE_NAME);
    Path log = dataDir.resolve(JdbcStore.EMBEDDED_FILE_NAME + "-wal");

    // While the store is open the new row is in the write-ahead log...
    String open = bytesOf(file) + bytesOf(log);
    assertFalse(open.contains(issued.token()), "the token is in the database files");
    assertTrue(open.contains(issued.record().hash()), "the token's hash is not stored");

    // ...and once it is closed, in the database file itself.
    store.close();
    String closed = bytesOf(file) + (Files.exists(log) ? bytesOf(log) : "");
    assertFalse(closed.contains(issued.token()), "the token is in the database files");
    assertTrue(closed.contains(issued.record().hash()), "the token's hash is not stored");
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

  /** The file's bytes, one char each, so that ASCII text is found as itself. */
  private static String bytesOf(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
  }

  private static String permissions(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
