package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
   * @throws IOException when the server cannot be reached, times out or closes without a reply
   */
  public String checkIn(CheckInRequest request) throws IOException {
    String where = server.getHostString() + ":" + server.getPort();
    if (server.isUnresolved()) {
      throw new IOException("unknown host " + server.getHostString());
    }
    int millis = Math.toIntExact(timeout.toMillis());
    try (Socket socket = new Socket()) {
      try {
        socket.connect(server, millis);
      } catch (IOException e) {
        throw new IOException("cannot connect to " + where + ": " + e.getMessage(), e);
      }
      socket.setSoTimeout(millis);
      socket.setTcpNoDelay(true);
      socket.getOutputStream().write(CheckInProtocol.encode(request));
      byte[] reply =
          new LineReader(new BufferedInputStream(socket.getInputStream(), 512), MAX_REPLY_BYTES)
              .readLine();
      if (reply == null) {
        throw new IOException(where + " closed the connection without a reply");
      }
      return new String(reply, UTF_8);
    } catch (SocketTimeoutException e) {
      throw new IOException("no reply from " + where + " within " + timeout.toSeconds() + " s", e);
    }
  }
}
