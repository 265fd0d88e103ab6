package org.netlab.labs.net;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * The slow client a line deadline is for: it sends one byte at a time and never ends its line, so
 * an idle timeout restarted by each byte would never cut it. At most {@value #MAX_BYTES} bytes, so
 * a broken server cannot keep it going for ever.
 */
public final class TricklingClient implements AutoCloseable {
  private static final int MAX_BYTES = 200;

  private final Socket socket;
  private final Thread sender;
  private final long startNanos;
  private long closedAfterMillis = -1;

  private TricklingClient(Socket socket, Duration interval) {
    this.socket = socket;
    this.startNanos = System.nanoTime();
    this.sender = Thread.ofVirtual().name("trickler").start(() -> trickle(interval));
  }

  /** Connects and starts sending {@code a}, one byte every {@code interval}. */
  public static TricklingClient connect(InetSocketAddress server, Duration interval)
      throws IOException {
    Socket socket = new Socket();
    socket.connect(server, 5000);
    return new TricklingClient(socket, interval);
  }

  private void trickle(Duration interval) {
    try {
      OutputStream out = socket.getOutputStream();
      for (int i = 0; i < MAX_BYTES; i++) {
        out.write('a');
        out.flush();
        Thread.sleep(interval);
      }
    } catch (IOException | InterruptedException e) {
      // The server closed the connection, or the test did: the trickle ends.
    }
  }

  /**
   * Reads what the server says until it closes the connection and returns it (UTF-8).
   *
   * @throws AssertionError when the connection is still open after {@code bound}
   */
  public String awaitClose(Duration bound) throws IOException {
    socket.setSoTimeout(Math.toIntExact(bound.toMillis()));
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[1024];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        said.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "still connected after "
              + (System.nanoTime() - startNanos) / 1_000_000
              + " ms; the server said: "
              + said.toString(UTF_8));
    } catch (SocketException e) {
      // Reset: the server closed with a trickled byte unread.
    }
    closedAfterMillis = (System.nanoTime() - startNanos) / 1_000_000;
    return said.toString(UTF_8);
  }

  /** How long after connecting the server closed the connection; after {@link #awaitClose}. */
  public long closedAfterMillis() {
    return closedAfterMillis;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    sender.interrupt();
  }
}
