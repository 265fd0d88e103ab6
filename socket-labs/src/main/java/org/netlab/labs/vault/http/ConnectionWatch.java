package org.netlab.labs.vault.http;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * The bound on what socket timeouts cannot bound: writes (a client that stops reading) and a TLS
 * handshake trickled a byte at a time. The server's reaper looks at every connection's watch and
 * closes the socket of one whose deadline has passed.
 */
final class ConnectionWatch {
  private static final long NONE = Long.MAX_VALUE;

  private final Socket socket;
  private final long stallNanos;
  private volatile long deadline = NONE;
  private volatile boolean expired;

  /**
   * @param stall how long a write may go without progress
   */
  ConnectionWatch(Socket socket, Duration stall) {
    this.socket = socket;
    this.stallNanos = stall.toNanos();
  }

  /** Everything until {@link #idle()} is due within {@code budget} from now. */
  void dueWithin(Duration budget) {
    deadline = System.nanoTime() + budget.toNanos();
  }

  /** A response is being written: it must move at least every stall timeout. */
  void writing() {
    deadline = System.nanoTime() + stallNanos;
  }

  /** Bytes went out: the stall clock starts again. */
  void progress() {
    deadline = System.nanoTime() + stallNanos;
  }

  /** Nothing is due: reads are bounded by socket timeouts. */
  void idle() {
    deadline = NONE;
  }

  /** Whether the reaper closed this connection. */
  boolean expired() {
    return expired;
  }

  /** Closes the socket when the deadline has passed; called by the reaper. */
  void check(long now) {
    long due = deadline;
    if (due != NONE && now - due > 0) {
      expired = true;
      try {
        socket.close();
      } catch (IOException e) {
        // Closing anyway.
      }
    }
  }
}
