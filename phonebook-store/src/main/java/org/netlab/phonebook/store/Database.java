package org.netlab.phonebook.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
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
  private final UnreachableDatabase outage = new UnreachableDatabase();

  private Database(
      HikariDataSource pool, Dialect dialect, String description, CommitListener commits) {
    this.pool = pool;
    this.dialect = dialect;
    this.description = description;
    this.commits = commits;
    this.writer = new GroupCommit(this);
  }

  /**
   * Connections a pool keeps to PostgreSQL at most: the writer's one and the readers'. Several
   * servers share the database, whose {@code max_connections} is 100 by default: twelve servers fit
   * with room for tools. HikariCP's own rule of thumb for the database host, cores × 2 + disks, is
   * about the same for a small host.
   */
  static final int DEFAULT_POSTGRESQL_POOL_SIZE = 8;

  /** SQLite has one writer at a time anyway; readers need few connections in WAL mode. */
  private static final int SQLITE_POOL_SIZE = 4;

  /**
   * How long a call waits for a connection before failing UNAVAILABLE. Short, so that while the
   * database is down calls fail within a client's retries and deadline instead of piling up, and a
   * server whose pool stays exhausted that long sheds load; reads and writes hold a connection for
   * milliseconds.
   */
  private static final long POSTGRESQL_CONNECTION_TIMEOUT_MILLIS = 1_000;

  /**
   * Opens a pool on {@code jdbcUrl}, of {@link #DEFAULT_POSTGRESQL_POOL_SIZE} connections at most
   * for PostgreSQL.
   *
   * @param commits told of every committed write
   * @throws ServiceException UNAVAILABLE when the database cannot be reached
   */
  static Database open(String jdbcUrl, CommitListener commits) {
    return open(jdbcUrl, commits, DEFAULT_POSTGRESQL_POOL_SIZE);
  }

  /**
   * Opens a pool on {@code jdbcUrl}. A pool survives its database's restart: connections found
   * broken are replaced, and calls made while it is down fail UNAVAILABLE.
   *
   * @param commits told of every committed write
   * @param postgresqlPoolSize connections at most, when the database is not SQLite
   * @throws ServiceException UNAVAILABLE when the database cannot be reached
   */
  static Database open(String jdbcUrl, CommitListener commits, int postgresqlPoolSize) {
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
      config.setMaximumPoolSize(SQLITE_POOL_SIZE);
      config.setConnectionTimeout(10_000);
    } else {
      if (postgresqlPoolSize < 2) {
        throw new IllegalArgumentException("a pool needs 2 connections at least: one writes");
      }
      config.setJdbcUrl(jdbcUrl);
      config.setMaximumPoolSize(postgresqlPoolSize);
      config.setConnectionTimeout(POSTGRESQL_CONNECTION_TIMEOUT_MILLIS);
      // pgjdbc's own limits, unless the URL sets them: a dead server is found in seconds.
      config.addDataSourceProperty("connectTimeout", "2");
      config.addDataSourceProperty("socketTimeout", "30");
      config.addDataSourceProperty("tcpKeepAlive", "true");
    }
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

  /**
   * A pooled connection in auto-commit mode; closing it gives it back. While the database is out of
   * reach this fails at once, but for one call a second that tries again.
   */
  Connection connection() throws SQLException {
    outage.admit();
    Connection connection;
    try {
      connection = pool.getConnection();
    } catch (SQLException e) {
      outage.failed(e);
      throw e;
    }
    outage.reached();
    return connection;
  }

  /** As {@link #write(Write)}, for a write that runs its statement itself and has no follow-up. */
  <T> T write(String part, String sql, StoreStatements.StatementWork<T> work) throws SQLException {
    return write(Write.of(part, sql, work, List.of()));
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
