package org.netlab.phonebook.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers that the database could not be reached, so that while it is down calls fail at once
 * instead of each waiting out the pool's connection timeout: one call a second (the probe) still
 * tries for real, and the first that gets a connection ends the outage for all. A pool that is
 * merely busy (every connection in use, none failing to open) is no outage.
 */
final class UnreachableDatabase {
  /** How often, while the database is down, one call tries to reach it. */
  static final long PROBE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** 0 while reachable; else when the next probe may go. */
  private final AtomicLong nextProbe = new AtomicLong();

  /**
   * Fails at once while the database is down and another call probes it; lets this call through (as
   * the probe) when a probe is due.
   *
   * @throws SQLTransientConnectionException SQLState 08001, when this call is not the probe
   */
  void admit() throws SQLException {
    long next = nextProbe.get();
    if (next == 0) {
      return;
    }
    long now = System.nanoTime();
    if (now - next < 0 || !nextProbe.compareAndSet(next, now + PROBE_INTERVAL_NANOS)) {
      throw new SQLTransientConnectionException(
          "the database was unreachable a moment ago; it is tried again every second", "08001");
    }
  }

  /** A connection was had: the outage, if any, is over. */
  void reached() {
    nextProbe.set(0);
  }

  /** Opening a connection failed: when the failure says the database is out of reach, remember. */
  void failed(SQLException failure) {
    if (unreachable(failure)) {
      nextProbe.compareAndSet(0, System.nanoTime() + PROBE_INTERVAL_NANOS);
    }
  }

  /**
   * SQLState class 08 (connection exception) or 57P01 to 57P03 (the server shuts down, crashed or
   * cannot take connections yet), on the failure or on the cause the pool kept.
   */
  private static boolean unreachable(SQLException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P0")) {
          return true;
        }
      }
    }
    return false;
  }
}
