package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.netlab.cli.Durations;
import org.netlab.labs.net.DeadlineInputStream;

/**
 * Sends one finger query and reads the answer (RFC 1288 §2.1: one query per connection, the server
 * closes when done). Used by the {@code finger} command and by the daemon when it forwards.
 */
public final class FingerClient {
  /** Default cap on an answer; more is cut off and marked. */
  public static final int DEFAULT_MAX_REPLY_BYTES = 1024 * 1024;

  private final Duration timeout;
  private final int maxReplyBytes;

  /**
   * @param timeout bound on connecting, and separately on the whole exchange
   * @param maxReplyBytes how much of the answer to read at most
   */
  public FingerClient(Duration timeout, int maxReplyBytes) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (maxReplyBytes < 1) {
      throw new IllegalArgumentException("maxReplyBytes must be at least 1");
    }
    this.timeout = timeout;
    this.maxReplyBytes = maxReplyBytes;
  }

  /** The answer, decoded as UTF-8 and stripped of what a terminal would interpret. */
  public record Answer(String text, boolean truncated) {}

  /**
   * Queries {@code server} and returns its answer.
   *
   * @throws IOException when the server cannot be reached
   * @throws SocketTimeoutException when connecting or the answer takes longer than the timeout; the
   *     message says so in words
   */
  public Answer query(FingerServerAddress server, FingerQuery query) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(server.host(), server.port()), Math.toIntExact(timeout.toMillis()));
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      out.write((query.toLine() + FingerProtocol.CRLF).getBytes(US_ASCII));
      out.flush();
      InputStream in = DeadlineInputStream.within(socket, timeout);
      byte[] bytes = in.readNBytes(maxReplyBytes + 1);
      boolean truncated = bytes.length > maxReplyBytes;
      String text = new String(bytes, 0, Math.min(bytes.length, maxReplyBytes), UTF_8);
      return new Answer(PrintableText.strip(text), truncated);
    } catch (SocketTimeoutException e) {
      SocketTimeoutException late =
          new SocketTimeoutException("no complete answer within " + Durations.text(timeout));
      late.initCause(e);
      throw late;
    }
  }
}
