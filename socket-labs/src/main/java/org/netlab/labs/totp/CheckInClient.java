package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import org.netlab.labs.net.LineReader;

/** Sends one check-in and returns the server's reply line. */
public final class CheckInClient {
  // Replies are short; a longer one means this is not a check-in server.
  private static final int MAX_REPLY_BYTES = 512;

  private final InetSocketAddress server;
  private final Duration timeout;

  /**
   * @param timeout bound on the connect and on each read
   */
  public CheckInClient(InetSocketAddress server, Duration timeout) {
    this.server = Objects.requireNonNull(server, "server");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Sends the request and waits for the reply.
   *
   * @return the reply without its line end, e.g. {@code accepted}
   * @throws IOException when the server cannot be reached, times out or closes without
   *     a reply
   */
  public String checkIn(CheckInRequest request) throws IOException {
    int millis = Math.toIntExact(timeout.toMillis());
    try (Socket socket = new Socket()) {
      socket.connect(server, millis);
      socket.setSoTimeout(millis);
      socket.setTcpNoDelay(true);
      socket.getOutputStream().write(CheckInProtocol.encode(request));
      byte[] reply = new LineReader(new BufferedInputStream(socket.getInputStream(), 512),
          MAX_REPLY_BYTES).readLine();
      if (reply == null) {
        throw new IOException(server.getHostString() + ":" + server.getPort()
            + " closed the connection without a reply");
      }
      return new String(reply, UTF_8);
    }
  }
}
