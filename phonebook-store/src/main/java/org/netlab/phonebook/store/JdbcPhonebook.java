package org.netlab.phonebook.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.netlab.datadir.OwnerOnlyFiles;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;
import org.netlab.domain.phonebook.EntryRules;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.domain.phonebook.PhonebookRefusals;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A {@link Phonebook} kept in a SQL database through JDBC: SQLite embedded in a data directory by
 * default, or any database given by URL (PostgreSQL is tested).
 *
 * <p>Every write is one auto-committed statement, so it is atomic and durable when the method
 * returns; uniqueness ignoring case is the database's own unique key, so racing adds of one name
 * leave exactly one entry. The SQL is portable: SQLite 3.35+ and PostgreSQL 9.5+ both accept it.
 */
public final class JdbcPhonebook implements Phonebook, AutoCloseable {
  /** The file under the data directory that holds the embedded store. */
  public static final String EMBEDDED_FILE_NAME = "phonebook.db";

  /** The files SQLite keeps beside the database (write-ahead log, its index, rollback journal). */
  private static final List<String> SQLITE_SIDE_FILES = List.of("-wal", "-shm", "-journal");

  private static final String SCHEMA =
      "CREATE TABLE IF NOT EXISTS phonebook_entries ("
          + " name_key VARCHAR(400) NOT NULL PRIMARY KEY,"
          + " name VARCHAR(400) NOT NULL,"
          + " number VARCHAR("
          + EntryRules.MAX_NUMBER_LENGTH
          + ") NOT NULL)";
  private static final String INSERT =
      "INSERT INTO phonebook_entries (name_key, name, number) VALUES (?, ?, ?)"
          + " ON CONFLICT (name_key) DO NOTHING";
  private static final String UPDATE =
      "UPDATE phonebook_entries SET number = ? WHERE name_key = ? RETURNING name, number";
  private static final String FIND =
      "SELECT name, number FROM phonebook_entries WHERE name_key = ?";
  private static final String COUNT = "SELECT COUNT(*) FROM phonebook_entries";
  private static final String DELETE = "DELETE FROM phonebook_entries WHERE name_key = ?";
  private static final String DELETE_ALL = "DELETE FROM phonebook_entries";
  private static final String LIST =
      "SELECT name, number FROM phonebook_entries WHERE name_key LIKE ? ESCAPE '!'"
          + " ORDER BY name_key, name";

  private final HikariDataSource dataSource;
  private final String description;
  // SQLite has one writer at a time; queueing writers here is much faster than
  // letting them sleep in SQLite's busy handler. Null for databases with row locks.
  private final ReentrantLock singleWriter;

  private JdbcPhonebook(HikariDataSource dataSource, String description, boolean singleWriter) {
    this.dataSource = dataSource;
    this.description = description;
    this.singleWriter = singleWriter ? new ReentrantLock() : null;
  }

  /**
   * Opens (creating if needed) the embedded SQLite store in {@code dataDir}. The store holds
   * personal data, so it is owner-only, and so are the directories created for it.
   */
  public static JdbcPhonebook openEmbedded(Path dataDir) {
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
    return open("jdbc:sqlite:" + file);
  }

  /**
   * Opens the store at a JDBC URL ({@code jdbc:sqlite:FILE} or {@code
   * jdbc:postgresql://HOST/DB?user=U&password=P}) and creates its table if missing.
   *
   * @throws ServiceException UNAVAILABLE when the database cannot be reached
   */
  public static JdbcPhonebook open(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("phonebook");
    boolean sqlite = jdbcUrl.startsWith("jdbc:sqlite:");
    if (sqlite) {
      SQLiteConfig sqliteConfig = new SQLiteConfig();
      // WAL lets readers run beside the writer; FULL syncs every commit to disk.
      sqliteConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sqliteConfig.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      sqliteConfig.setBusyTimeout(10_000);
      SQLiteDataSource sqliteSource = new SQLiteDataSource(sqliteConfig);
      sqliteSource.setUrl(jdbcUrl);
      config.setDataSource(sqliteSource);
      config.setMaximumPoolSize(4);
    } else {
      config.setJdbcUrl(jdbcUrl);
      config.setMaximumPoolSize(10);
    }
    config.setConnectionTimeout(10_000);
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw ServiceException.unavailable(
          "cannot open the phonebook store at " + redact(jdbcUrl), e);
    }
    JdbcPhonebook phonebook = new JdbcPhonebook(dataSource, redact(jdbcUrl), sqlite);
    try {
      phonebook.createSchema();
    } catch (RuntimeException e) {
      phonebook.close();
      throw e;
    }
    return phonebook;
  }

  /** The store's JDBC URL without credentials, for banners and logs. */
  public String description() {
    return description;
  }

  @Override
  public Entry add(String name, String number) {
    Entry entry = new Entry(name, number);
    int inserted =
        write(
            INSERT,
            statement -> {
              statement.setString(1, EntryRules.key(entry.name()));
              statement.setString(2, entry.name());
              statement.setString(3, entry.number());
              return statement.executeUpdate();
            });
    if (inserted == 0) {
      throw PhonebookRefusals.nameTaken(entry.name());
    }
    return entry;
  }

  @Override
  public Entry update(String name, String number) {
    String validName = EntryRules.name(name);
    String validNumber = EntryRules.number(number);
    Entry updated =
        write(
            UPDATE,
            statement -> {
              statement.setString(1, validNumber);
              statement.setString(2, EntryRules.key(validName));
              try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? new Entry(rows.getString(1), rows.getString(2)) : null;
              }
            });
    if (updated == null) {
      throw PhonebookRefusals.noEntryNamed(validName);
    }
    return updated;
  }

  @Override
  public Entry find(String name) {
    String validName = EntryRules.name(name);
    Entry found =
        read(
            FIND,
            statement -> {
              statement.setString(1, EntryRules.key(validName));
              try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? new Entry(rows.getString(1), rows.getString(2)) : null;
              }
            });
    if (found == null) {
      throw PhonebookRefusals.noEntryNamed(validName);
    }
    return found;
  }

  @Override
  public long count() {
    return read(
        COUNT,
        statement -> {
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  @Override
  public void remove(String name) {
    String validName = EntryRules.name(name);
    int removed =
        write(
            DELETE,
            statement -> {
              statement.setString(1, EntryRules.key(validName));
              return statement.executeUpdate();
            });
    if (removed == 0) {
      throw PhonebookRefusals.noEntryNamed(validName);
    }
  }

  @Override
  public long removeAll() {
    return write(DELETE_ALL, statement -> (long) statement.executeUpdate());
  }

  @Override
  public List<Entry> list(String namePrefix) {
    String pattern = escapeLike(EntryRules.key(EntryRules.prefix(namePrefix))) + "%";
    return read(
        LIST,
        statement -> {
          statement.setString(1, pattern);
          List<Entry> entries = new ArrayList<>();
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              entries.add(new Entry(rows.getString(1), rows.getString(2)));
            }
          }
          return entries;
        });
  }

  /** Closes the connection pool. Safe to call more than once. */
  @Override
  public void close() {
    dataSource.close();
  }

  private void createSchema() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(SCHEMA);
    } catch (SQLException e) {
      throw storeUnavailable(e);
    }
  }

  /** Runs one statement on a pooled connection; auto-commit makes it a transaction. */
  private <T> T read(String sql, StatementWork<T> work) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      return work.run(statement);
    } catch (SQLException e) {
      throw storeUnavailable(e);
    }
  }

  /** Like {@link #read}, queued behind other writers when the database has a single writer. */
  private <T> T write(String sql, StatementWork<T> work) {
    if (singleWriter == null) {
      return read(sql, work);
    }
    singleWriter.lock();
    try {
      return read(sql, work);
    } finally {
      singleWriter.unlock();
    }
  }

  /** The caller's server logs outages, rate-limited: a log line per failed call would flood. */
  private ServiceException storeUnavailable(SQLException e) {
    return ServiceException.unavailable("the phonebook store is unavailable; try again later", e);
  }

  private static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @FunctionalInterface
  private interface StatementWork<T> {
    T run(PreparedStatement statement) throws SQLException;
  }
}
