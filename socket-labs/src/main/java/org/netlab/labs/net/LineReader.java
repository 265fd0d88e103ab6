package org.netlab.labs.net;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.netlab.cli.Durations;

/**
 * Reads protocol lines from a byte stream with a hard size limit, so a client cannot make the
 * server buffer without bound. A line ends with LF; a CR just before it is dropped. Bytes are
 * returned as read; the caller decodes them with the protocol's charset.
 *
 * <p>A server reads with {@link #forSocket}, which also gives every line a deadline: once its first
 * byte has come, the whole line must come within the line timeout, however the bytes trickle in (a
 * client sending a byte every few seconds would otherwise restart the idle timeout forever). The
 * wait for a line's first byte is bounded by the socket's own timeout, the idle timeout.
 */
public final class LineReader {
  /** The line terminator every text protocol here sends. */
  public static final String CRLF = "\r\n";

  private static final int SOCKET_BUFFER_BYTES = 8192;

  private final InputStream in;
  private final int maxLineBytes;
  private final DeadlineInputStream timed;
  private final Duration lineTimeout;
  private boolean clockRunning;
  private boolean lineStarted;
  private boolean timedOut;

  /** Thrown when a line exceeds the limit; the rest of that line is not read. */
  public static final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    public LineTooLongException(int limit) {
      super("line longer than " + limit + " bytes");
    }
  }

  /**
   * Thrown when a line has not come whole within the line timeout. The rest of that line cannot be
   * told from the next, so the reader throws this again on every later call: close the connection.
   * Not a {@link SocketTimeoutException}, so code that waits on through idle timeouts does not
   * mistake it for one.
   */
  public static final class LineTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;
    private final Duration limit;

    public LineTimeoutException(Duration limit) {
      super("line not complete within " + Durations.text(limit));
      this.limit = limit;
    }

    /** The line timeout that passed. */
    public Duration limit() {
      return limit;
    }
  }

  /**
   * Reads {@code in} with no deadline (clients, files, tests). It reads a byte at a time: give it a
   * buffered stream.
   */
  public LineReader(InputStream in, int maxLineBytes) {
    this(in, maxLineBytes, null, null);
  }

  private LineReader(
      InputStream in, int maxLineBytes, DeadlineInputStream timed, Duration lineTimeout) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be at least 1");
    }
    this.in = Objects.requireNonNull(in, "in");
    this.maxLineBytes = maxLineBytes;
    this.timed = timed;
    this.lineTimeout = lineTimeout;
  }

  /**
   * Reads the lines a client sends on {@code socket}, buffered, each due whole within {@code
   * lineTimeout} of its first byte. Set the socket's timeout (the idle timeout) before calling
   * this.
   */
  public static LineReader forSocket(Socket socket, int maxLineBytes, Duration lineTimeout)
      throws IOException {
    return forSocket(socket, new byte[0], maxLineBytes, lineTimeout);
  }

  /**
   * As {@link #forSocket(Socket, int, Duration)}, for a socket from which {@code received} was
   * already read: those bytes come first.
   */
  public static LineReader forSocket(
      Socket socket, byte[] received, int maxLineBytes, Duration lineTimeout) throws IOException {
    if (lineTimeout.isNegative() || lineTimeout.isZero()) {
      throw new IllegalArgumentException("lineTimeout must be positive");
    }
    DeadlineInputStream timed = new DeadlineInputStream(socket);
    InputStream in = new BufferedInputStream(timed, SOCKET_BUFFER_BYTES);
    if (received.length > 0) {
      in = new SequenceInputStream(new ByteArrayInputStream(received.clone()), in);
    }
    return new LineReader(in, maxLineBytes, timed, lineTimeout);
  }

  /**
   * Starts the next line's clock now rather than at its first byte: for protocols with one request
   * per connection, whose request must come whole within the line timeout of connecting. Silence
   * until then is still a {@link SocketTimeoutException}, a started line a {@link
   * LineTimeoutException}.
   */
  public LineReader startClock() {
    if (timed == null) {
      throw new IllegalStateException("a reader without a socket has no clock");
    }
    timed.deadlineIn(lineTimeout);
    clockRunning = true;
    return this;
  }

  /**
   * Returns the next line without its terminator, or null at end of stream before any byte. A last
   * line without a terminator is returned as is.
   *
   * @throws LineTooLongException when more than {@code maxLineBytes} bytes precede LF
   * @throws LineTimeoutException when a line started but did not end within the line timeout
   * @throws SocketTimeoutException when no line started within the socket's timeout, or within the
   *     line timeout after {@link #startClock()}; the reader can go on waiting
   */
  public byte[] readLine() throws IOException {
    if (timedOut) {
      throw new LineTimeoutException(lineTimeout);
    }
    byte[] buffer = new byte[Math.min(maxLineBytes + 1, 256)];
    int length = 0;
    while (true) {
      int b = read();
      if (b < 0) {
        endLine();
        return length == 0 ? null : Arrays.copyOf(buffer, length);
      }
      lineStarted = true;
      if (timed != null && !clockRunning) {
        timed.deadlineIn(lineTimeout);
        clockRunning = true;
      }
      if (b == '\n') {
        if (length > 0 && buffer[length - 1] == '\r') {
          length--;
        }
        endLine();
        return Arrays.copyOf(buffer, length);
      }
      // One byte of slack so a CR right at the limit can still precede LF.
      if (length == maxLineBytes + 1 || (length == maxLineBytes && b != '\r')) {
        throw new LineTooLongException(maxLineBytes);
      }
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxLineBytes + 1));
      }
      buffer[length++] = (byte) b;
    }
  }

  /**
   * Bytes that can be read without blocking, buffered or already received: lets a server answer
   * lines sent back to back in one write.
   */
  public int available() throws IOException {
    return in.available();
  }

  private int read() throws IOException {
    try {
      return in.read();
    } catch (SocketTimeoutException e) {
      if (!lineStarted) {
        throw e;
      }
      timedOut = true;
      LineTimeoutException late = new LineTimeoutException(lineTimeout);
      late.initCause(e);
      throw late;
    }
  }

  private void endLine() {
    lineStarted = false;
    if (timed != null) {
      timed.clearDeadline();
      clockRunning = false;
    }
  }
}
