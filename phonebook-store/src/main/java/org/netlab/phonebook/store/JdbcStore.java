package org.netlab.phonebook.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.netlab.access.AuditTrail;
import org.netlab.access.TokenStore;
import org.netlab.datadir.OwnerOnlyFiles;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Phonebook;

/**
 * The server's database, through JDBC: SQLite embedded in a data directory by default, or
 * PostgreSQL given by URL. It owns the connection pool, creates every table it needs on opening,
 * and hands out the stores kept in it (the phonebook, the access tokens, the audit trail); closing
 * it closes them all.
 *
 * <p>Every write goes through one writer ({@link GroupCommit}) that commits the writes queued
 * together in one transaction, so one sync to disk serves many; a write is durable when its method
 * returns. SQLite runs in WAL mode with {@code synchronous=FULL}, so its commits are synced.
 */
public final class JdbcStore implements AutoCloseable {
  /** The file under the data directory that holds the embedded store. */
  public static final String EMBEDDED_FILE_NAME = "phonebook.db";

  /** Connections to a PostgreSQL store at most, unless told otherwise. */
  public static final int DEFAULT_POOL_SIZE = Database.DEFAULT_POSTGRESQL_POOL_SIZE;

  /** The files SQLite keeps beside the database (write-ahead log, its index, rollback journal). */
  private static final List<String> SQLITE_SIDE_FILES = List.of("-wal", "-shm", "-journal");

  private final Database database;
  private final JdbcPhonebook phonebook;
  private final JdbcTokenStore tokens;
  private final JdbcAuditTrail audit;

  private JdbcStore(Database database) {
    this.database = database;
    this.audit = new JdbcAuditTrail(database);
    this.phonebook =
        new JdbcPhonebook(database, audit, new JdbcIdempotencyKeys(database, Clock.systemUTC()));
    this.tokens = new JdbcTokenStore(database);
  }

  /**
   * Opens (creating if needed) the embedded SQLite store in {@code dataDir}. The store holds
   * personal data, so it is owner-only, and so are the directories created for it.
   *
   * @throws UncheckedIOException when the directory or the file cannot be made
   * @throws ServiceException UNAVAILABLE when the database cannot be opened
   */
  public static JdbcStore openEmbedded(Path dataDir) {
    return openEmbedded(dataDir, CommitListener.NONE);
  }

  /**
   * Like {@link #openEmbedded(Path)}, telling {@code commits} of every write once committed.
   *
   * @throws UncheckedIOException when the directory or the file cannot be made
   * @throws ServiceException UNAVAILABLE when the database cannot be opened
   */
  public static JdbcStore openEmbedded(Path dataDir, CommitListener commits) {
    Path file = dataDir.resolve(EMBEDDED_FILE_NAME);
    try {
      OwnerOnlyFiles.createDirectories(dataDir);
      // SQLite gives its -wal, -shm and -journal files the mode of the database file, so an
      // owner-only database keeps them owner-only; an empty file is an empty database.
      if (!OwnerOnlyFiles.createFileIfMissing(file)) {
        for (String suffix : SQLITE_SIDE_FILES) {
          Path side = dataDir.resolve(EMBEDDED_FILE_NAME + suffix);
          if (Files.exists(side)) {
            OwnerOnlyFiles.restrictToOwner(side);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the phonebook store " + file, e);
    }
    return open("jdbc:sqlite:" + file, commits);
  }

  /**
   * Opens the store at a JDBC URL ({@code jdbc:sqlite:FILE} or {@code
   * jdbc:postgresql://HOST/DB?user=U&password=P}) and creates the tables that are missing.
   *
   * @throws ServiceException UNAVAILABLE when the database cannot be reached
   */
  public static JdbcStore open(String jdbcUrl) {
    return open(jdbcUrl, CommitListener.NONE);
  }

  /**
   * Like {@link #open(String)}, telling {@code commits} of every write once committed.
   *
   * @throws ServiceException UNAVAILABLE when the database cannot be reached
   */
  public static JdbcStore open(String jdbcUrl, CommitListener commits) {
    return open(jdbcUrl, commits, DEFAULT_POOL_SIZE);
  }

  /**
   * Like {@link #open(String, CommitListener)}, keeping at most {@code poolSize} connections to a
   * PostgreSQL database (SQLite's pool is fixed).
   *
   * @throws IllegalArgumentException when {@code poolSize} is below 2
   * @throws ServiceException UNAVAILABLE when the database cannot be reached
   */
  public static JdbcStore open(String jdbcUrl, CommitListener commits, int poolSize) {
    Database database =
        Database.open(jdbcUrl, Objects.requireNonNull(commits, "commits"), poolSize);
    try {
      createTables(database);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return new JdbcStore(database);
  }

  /** The phonebook kept in this store. */
  public Phonebook phonebook() {
    return phonebook;
  }

  /** The access tokens kept in this store, by hash only. */
  public TokenStore tokens() {
    return tokens;
  }

  /** The audit trail kept in this store. */
  public AuditTrail audit() {
    return audit;
  }

  /** The store's JDBC URL without credentials, for banners and logs. */
  public String description() {
    return database.description();
  }

  /** Closes the connection pool; the stores handed out then fail as UNAVAILABLE. Safe to repeat. */
  @Override
  public void close() {
    database.close();
  }

  private static void createTables(Database database) {
    StoreStatements statements = new StoreStatements(database, "the phonebook store");
    List<String> tables =
        List.of(
            JdbcPhonebook.TABLE,
            JdbcTokenStore.TABLE,
            JdbcAuditTrail.table(database.dialect()),
            JdbcIdempotencyKeys.TABLE);
    for (String table : tables) {
      statements.write(table, statement -> statement.execute());
    }
  }
}
