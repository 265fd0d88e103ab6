package org.netlab.labs.echo;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.netlab.cli.SocketAddresses;
import org.netlab.labs.integrity.IntegrityException;
import org.netlab.labs.integrity.MessageCodec;
import org.netlab.labs.net.ConnectionHandler;
import org.netlab.labs.net.InputDrain;
import org.netlab.labs.net.LineReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Echo over TCP, one line at a time: each line (LF or CRLF ended) comes back with CRLF, its UTF-8
 * characters transformed and any other bytes as they came, never longer than it was (see {@link
 * EchoTransform}). With integrity on, lines are frames and the replies too; a frame that fails is
 * answered with {@link #INTEGRITY_REPLY} and the connection goes on. A line over the cap, or one
 * that does not come whole within the line timeout of its first byte, gets an error line and the
 * connection is closed, since the rest of that line cannot be told from the next one.
 */
public final class TcpEchoHandler implements ConnectionHandler {
  /** Default cap on a line, terminator excluded. */
  public static final int DEFAULT_MAX_LINE_BYTES = 8192;

  /** Default time a line may take to come whole once it has started. */
  public static final Duration DEFAULT_LINE_TIMEOUT = Duration.ofSeconds(30);

  /** The reply to a frame that did not pass the integrity check. */
  public static final String INTEGRITY_REPLY = "! " + IntegrityException.USER_MESSAGE;

  /** The only line sent on a connection over the server's cap, before it is closed. */
  public static final String BUSY_REPLY = "! too many connections, try again later";

  private static final Logger log = LoggerFactory.getLogger(TcpEchoHandler.class);
  private static final byte[] CRLF_BYTES = LineReader.CRLF.getBytes(UTF_8);
  private static final Duration DRAIN_BOUND = Duration.ofSeconds(1);
  private static final int DRAIN_BYTES = 64 * 1024;

  private final EchoTransform transform;
  private final int maxLineBytes;
  private final Duration lineTimeout;
  private final Supplier<MessageCodec> codecs;

  /**
   * @param codecs gives a fresh codec for each connection (sequence numbers are per connection)
   */
  /**
   * @param maxLineBytes cap on a line, terminator excluded
   * @param lineTimeout time a line may take to come whole once its first byte has
   * @param codecs gives a fresh codec for each connection (sequence numbers are per connection)
   */
  public TcpEchoHandler(
      EchoTransform transform,
      int maxLineBytes,
      Duration lineTimeout,
      Supplier<MessageCodec> codecs) {
    this.transform = Objects.requireNonNull(transform, "transform");
    this.maxLineBytes = maxLineBytes;
    this.lineTimeout = Objects.requireNonNull(lineTimeout, "lineTimeout");
    this.codecs = Objects.requireNonNull(codecs, "codecs");
  }

  /** With the {@linkplain #DEFAULT_LINE_TIMEOUT default line timeout}. */
  public TcpEchoHandler(EchoTransform transform, int maxLineBytes, Supplier<MessageCodec> codecs) {
    this(transform, maxLineBytes, DEFAULT_LINE_TIMEOUT, codecs);
  }

  @Override
  public void handle(Socket socket) throws IOException {
    MessageCodec codec = codecs.get();
    OutputStream out = new BufferedOutputStream(socket.getOutputStream());
    LineReader lines = LineReader.forSocket(socket, maxLineBytes, lineTimeout);
    try {
      for (byte[] line = lines.readLine(); line != null; line = lines.readLine()) {
        if (codec == MessageCodec.plain()) {
          // The bytes themselves, so what is not UTF-8 comes back as it came, no longer.
          out.write(transform.apply(line));
          out.write(CRLF_BYTES);
        } else {
          send(out, codec.seal(replyTo(codec, new String(line, UTF_8), socket)));
        }
        // Pipelined lines are answered in one write; a lone line is answered at once.
        if (lines.available() == 0) {
          out.flush();
        }
      }
    } catch (LineReader.LineTooLongException | LineReader.LineTimeoutException e) {
      send(out, codec.seal("! " + e.getMessage()));
      out.flush();
      // End of stream right behind the error, and what the client still sends read and
      // dropped, so that closing does not reset the connection before it has read the error.
      InputDrain.discard(socket, DRAIN_BOUND, DRAIN_BYTES);
      return;
    }
    out.flush();
  }

  /** Says why before the server closes a connection over its cap. */
  @Override
  public void refuse(Socket socket) throws IOException {
    send(socket.getOutputStream(), codecs.get().seal(BUSY_REPLY));
  }

  private String replyTo(MessageCodec codec, String line, Socket socket) {
    try {
      return transform.apply(codec.open(line));
    } catch (IntegrityException e) {
      log.warn("{}: {}", SocketAddresses.text(socket.getRemoteSocketAddress()), e.getMessage());
      return INTEGRITY_REPLY;
    }
  }

  private static void send(OutputStream out, String line) throws IOException {
    out.write((line + LineReader.CRLF).getBytes(UTF_8));
  }
}
