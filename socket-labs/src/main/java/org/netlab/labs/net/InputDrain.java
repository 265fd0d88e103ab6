package org.netlab.labs.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;

/**
 * Reads and drops what a client is still sending after the server has refused it (a line too long,
 * a line too slow), so that closing the socket with unread input does not reset the connection
 * before the client has read the refusal. Bounded in time and bytes: a client cannot hold the
 * connection open by sending on.
 */
public final class InputDrain {
  private InputDrain() {}

  /**
   * Ends the output (the client sees the end of stream right after the refusal), then reads and
   * drops input until the client closes, {@code bound} passes or {@code maxBytes} have come. Never
   * throws: the connection is being closed anyway.
   */
  public static void discard(Socket socket, Duration bound, int maxBytes) {
    try {
      if (!socket.isOutputShutdown()) {
        socket.shutdownOutput();
      }
      InputStream in = DeadlineInputStream.within(socket, bound);
      byte[] sink = new byte[8192];
      int total = 0;
      for (int n = in.read(sink); n >= 0 && total < maxBytes; n = in.read(sink)) {
        total += n;
      }
    } catch (IOException e) {
      // Timed out, reset or closed: all the same, the connection is over.
    }
  }
}
