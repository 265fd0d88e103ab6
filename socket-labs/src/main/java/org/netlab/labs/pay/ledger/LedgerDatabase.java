package org.netlab.labs.pay.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The ledger's connection pool, and the one place that runs its transactions and turns database
 * failures into {@link LedgerUnavailableException}.
 */
final class LedgerDatabase implements AutoCloseable {
  /** Work done on a connection; a transaction's may run more than once. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Connections to PostgreSQL at most. Each transaction holds one for milliseconds; a few more than
   * the database host's cores keep it busy without crowding its {@code max_connections}.
   */
  static final int POSTGRESQL_POOL_SIZE = 8;

  /** SQLite has one writer at a time anyway; in WAL mode readers need few connections. */
  private static final int SQLITE_POOL_SIZE = 4;

  /** How long a call waits for a PostgreSQL connection before the ledger is called unavailable. */
  private static final long POSTGRESQL_CONNECTION_TIMEOUT_MILLIS = 2_000;

  /** SQLite's writers queue for its lock this long (its busy timeout), and for a connection. */
  private static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;

  /**
   * Runs of one transaction at most, when it keeps losing races (PostgreSQL only). A race is lost
   * to a transaction that committed, so the next run sees its outcome: two runs are the rule.
   */
  private static final int MAX_ATTEMPTS = 8;

  private final HikariDataSource pool;
  private final Dialect dialect;
  private final String description;

  /**
   * SQLite's writers, one at a time in this process. SQLite lets one writer in and has the others
   * poll its lock with sleeps of up to 100 ms; queueing them here instead hands the lock over at
   * once (busy timeouts still cover another process on the same file).
   */
  private final ReentrantLock sqliteWriter = new ReentrantLock(true);

  private LedgerDatabase(HikariDataSource pool, Dialect dialect, String description) {
    this.pool = pool;
    this.dialect = dialect;
    this.description = description;
  }

  /**
   * Opens a pool on {@code jdbcUrl}.
   *
   * @throws LedgerUnavailableException when the database cannot be reached
   */
  static LedgerDatabase open(String jdbcUrl) {
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setPoolName("pay-ledger");
    if (dialect == Dialect.SQLITE) {
      SQLiteConfig sqliteConfig = new SQLiteConfig();
      // WAL lets readers run beside the writer; FULL syncs every commit to disk.
      sqliteConfig.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sqliteConfig.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
      sqliteConfig.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
      sqliteConfig.enforceForeignKeys(true);
      SQLiteDataSource sqliteSource = new SQLiteDataSource(sqliteConfig);
      sqliteSource.setUrl(jdbcUrl);
      config.setDataSource(sqliteSource);
      config.setMaximumPoolSize(SQLITE_POOL_SIZE);
      config.setConnectionTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
    } else {
      config.setJdbcUrl(jdbcUrl);
      config.setMaximumPoolSize(POSTGRESQL_POOL_SIZE);
      config.setConnectionTimeout(POSTGRESQL_CONNECTION_TIMEOUT_MILLIS);
      // pgjdbc's own limits, unless the URL sets them: a dead server is found in seconds.
      config.addDataSourceProperty("connectTimeout", "2");
      config.addDataSourceProperty("socketTimeout", "30");
      config.addDataSourceProperty("tcpKeepAlive", "true");
    }
    String description = redact(jdbcUrl);
    try {
      return new LedgerDatabase(new HikariDataSource(config), dialect, description);
    } catch (RuntimeException e) {
      throw new LedgerUnavailableException("cannot open the ledger's database " + description, e);
    }
  }

  Dialect dialect() {
    return dialect;
  }

  /** The JDBC URL without credentials. */
  String description() {
    return description;
  }

  /**
   * Runs {@code work} in one writing transaction and commits it; runs it again, from the start in a
   * new transaction, when it lost a race that the dialect deems retryable. A runtime exception from
   * {@code work} rolls the transaction back and reaches the caller as is.
   *
   * @param what what the work does, for the message of a failure ("settle an order")
   * @throws LedgerUnavailableException when the database failed; nothing was changed
   */
  <T> T transaction(String what, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return runOnce(work);
      } catch (SQLException e) {
        if (attempt >= MAX_ATTEMPTS || !dialect.retryable(e)) {
          throw unavailable(what, e);
        }
        pause(what, attempt, e);
      }
    }
  }

  /**
   * Runs {@code work} in auto-commit mode: each statement sees one consistent instant.
   *
   * @throws LedgerUnavailableException when the database failed
   */
  <T> T read(String what, Work<T> work) {
    try (Connection connection = pool.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw unavailable(what, e);
    }
  }

  /** Closes the pool; later calls fail as {@link LedgerUnavailableException}. Safe to repeat. */
  @Override
  public void close() {
    pool.close();
  }

  private <T> T runOnce(Work<T> work) throws SQLException {
    if (dialect != Dialect.SQLITE) {
      return runOnceOnAConnection(work);
    }
    sqliteWriter.lock();
    try {
      return runOnceOnAConnection(work);
    } finally {
      sqliteWriter.unlock();
    }
  }

  private <T> T runOnceOnAConnection(Work<T> work) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      dialect.begin(connection);
      try {
        T result = work.run(connection);
        dialect.commit(connection);
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    }
  }

  /** Rolls back; a connection that cannot is left in an unknown state, so the pool drops it. */
  private void rollback(Connection connection, Exception failure) {
    try {
      dialect.rollback(connection);
    } catch (SQLException e) {
      failure.addSuppressed(e);
      pool.evictConnection(connection);
    }
  }

  /** A short random pause, longer at each attempt, so that racing transactions fall apart. */
  private static void pause(String what, int attempt, SQLException failure) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1L + 5L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(what, failure);
    }
  }

  private static LedgerUnavailableException unavailable(String what, SQLException failure) {
    String state = failure.getSQLState();
    boolean unreachable =
        state != null && (state.startsWith("08") || state.startsWith("57P0"))
            || failure instanceof SQLTransientConnectionException;
    return new LedgerUnavailableException(
        "the ledger cannot "
            + what
            + ": its database "
            + (unreachable ? "cannot be reached" : "failed")
            + (state == null ? "" : " (SQLState " + state + ")"),
        failure);
  }

  private static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
