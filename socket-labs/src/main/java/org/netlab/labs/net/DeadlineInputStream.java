package org.netlab.labs.net;

import java.io.FilterInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A socket's input whose reads can be held to a deadline that does not move as bytes trickle in:
 * while one is set, each read waits at most until then, so a peer sending a byte at a time cannot
 * stretch it. The socket's own timeout (its idle timeout, read when this stream is made) still
 * bounds each read; without a deadline it is the only bound, as usual. Buffer above this stream,
 * not below it, so that every read reaching the socket is timed. Not thread-safe: one reader at a
 * time.
 */
public final class DeadlineInputStream extends FilterInputStream {
  private final Socket socket;
  private final int idleMillis;
  private boolean hasDeadline;
  private long deadlineNanos;

  /** Reads {@code socket} with no deadline yet; its timeout now is the idle timeout kept. */
  public DeadlineInputStream(Socket socket) throws IOException {
    super(socket.getInputStream());
    this.socket = socket;
    this.idleMillis = socket.getSoTimeout();
  }

  /** Reads {@code socket} with everything due within {@code budget} from now. */
  public static DeadlineInputStream within(Socket socket, Duration budget) throws IOException {
    DeadlineInputStream in = new DeadlineInputStream(socket);
    in.deadlineIn(budget);
    return in;
  }

  /** Holds every read from now on to {@code budget} from now, until {@link #clearDeadline()}. */
  public void deadlineIn(Duration budget) {
    deadlineNanos = System.nanoTime() + budget.toNanos();
    hasDeadline = true;
  }

  /** Reads wait the idle timeout again, however long the last deadline ran. */
  public void clearDeadline() {
    hasDeadline = false;
  }

  @Override
  public int read() throws IOException {
    arm();
    return super.read();
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    arm();
    return super.read(buffer, offset, length);
  }

  @Override
  public long skip(long n) throws IOException {
    arm();
    return super.skip(n);
  }

  /** Sets the socket's timeout to what is left, or throws when nothing is. */
  private void arm() throws IOException {
    int millis = idleMillis;
    if (hasDeadline) {
      long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
      if (leftMillis < 1) {
        throw new SocketTimeoutException("deadline passed");
      }
      if (idleMillis == 0 || leftMillis < idleMillis) {
        millis = (int) Math.min(leftMillis, Integer.MAX_VALUE);
      }
    }
    socket.setSoTimeout(millis);
  }
}
