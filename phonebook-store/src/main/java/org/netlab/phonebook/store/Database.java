package org.netlab.phonebook.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.netlab.domain.ServiceException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pool over the one database that every store shares, and its one writer ({@link
 * GroupCommit}), through which every write goes.
 */
final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final Dialect dialect;
  private final String description;
  private final CommitListener commits;
  private final GroupCommit writer;

  private Database(
      HikariDataSource pool, Dialect dialect, String description, CommitListener commits) {
    this.pool = pool;
    this.dialect = dialect;
    this.description = description;
    this.commits = commits;
    this.writer = new GroupCommit(this);
  }

  /**
   * Opens a pool on {@code jdbcUrl}.
   *
   * @param commits told of every committed write
   * @throws ServiceException UNAVAILABLE when the database cannot be reached
   */
  static Database open(String jdbcUrl, CommitListener commits) {
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setPoolName("phonebook");
    if (dialect == Dialect.SQLITE) {
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
    try {
      return new Database(new HikariDataSource(config), dialect, redact(jdbcUrl), commits);
    } catch (RuntimeException e) {
      throw ServiceException.unavailable(
          "cannot open the phonebook store at " + redact(jdbcUrl), e);
    }
  }

  Dialect dialect() {
    return dialect;
  }

  /** The JDBC URL without credentials, for banners and logs. */
  String description() {
    return description;
  }

  /** Who is told of committed writes. */
  CommitListener commits() {
    return commits;
  }

  /** A pooled connection in auto-commit mode; closing it gives it back. */
  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** As {@link #write(Write)}, for a write that runs its statement itself and has no follow-up. */
  <T> T write(String part, String sql, StoreStatements.StatementWork<T> work) throws SQLException {
    return write(Write.of(part, sql, work, null));
  }

  /**
   * Runs the write in the writer's next transaction; returns once that has committed.
   *
   * @throws SQLException when the database failed the write or its commit
   */
  <T> T write(Write<T> write) throws SQLException {
    return writer.write(write);
  }

  /** How many writes wait for the writer's next transaction. */
  int queuedWrites() {
    return writer.queued();
  }

  /**
   * Commits the writes already queued, then closes the pool; later calls fail as the database being
   * unreachable. Safe to repeat.
   */
  @Override
  public void close() {
    writer.close();
    pool.close();
  }

  private static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
