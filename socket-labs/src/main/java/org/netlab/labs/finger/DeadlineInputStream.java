package org.netlab.labs.finger;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A socket's input with one deadline for everything read, not one per read: a peer that trickles a
 * byte at a time cannot hold the connection longer than the budget. Before each read the socket
 * timeout is set to the time left.
 */
final class DeadlineInputStream extends FilterInputStream {
  private final Socket socket;
  private final long deadline;

  DeadlineInputStream(Socket socket, InputStream in, Duration budget) {
    super(in);
    this.socket = socket;
    this.deadline = System.nanoTime() + budget.toNanos();
  }

  @Override
  public int read() throws IOException {
    armTimeout();
    return super.read();
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    armTimeout();
    return super.read(buffer, offset, length);
  }

  private void armTimeout() throws IOException {
    long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
    if (leftMillis < 1) {
      throw new SocketTimeoutException("deadline passed");
    }
    socket.setSoTimeout((int) Math.min(leftMillis, Integer.MAX_VALUE));
  }
}
