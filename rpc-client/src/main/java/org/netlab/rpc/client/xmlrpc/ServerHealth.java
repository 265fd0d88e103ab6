package org.netlab.rpc.client.xmlrpc;

import java.time.Duration;

/**
 * Passive health of one server, learnt from calls rather than probes: a server that failed so that
 * it looks down is left out for a back-off that starts at {@link #FIRST_BACKOFF} and doubles with
 * each failure in a row up to {@link #MAX_BACKOFF}; an answer ends it. Times are {@link
 * System#nanoTime} values, given by the caller. Thread-safe.
 */
final class ServerHealth {
  /** How long a server is left out after its first failure. */
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  /** The longest a server is left out, however often it failed. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private long backoffNanos;
  private volatile long downUntil;
  private volatile boolean down;

  /**
   * Leaves the server out from {@code now}. A failure while it is already out (calls that were in
   * flight together) does not lengthen the back-off.
   */
  synchronized void markDown(long now) {
    if (isDown(now)) {
      return;
    }
    backoffNanos =
        backoffNanos == 0
            ? FIRST_BACKOFF.toNanos()
            : Math.min(MAX_BACKOFF.toNanos(), 2 * backoffNanos);
    downUntil = now + backoffNanos;
    down = true;
  }

  /** The server answered: it is in the rotation again, and its next back-off is the first. */
  void markUp() {
    if (down) {
      synchronized (this) {
        down = false;
        backoffNanos = 0;
      }
    }
  }

  /** Whether the server is left out at {@code now}. */
  boolean isDown(long now) {
    return down && now - downUntil < 0;
  }

  /** When the server's back-off ends (or ended). */
  long downUntil() {
    return downUntil;
  }
}
