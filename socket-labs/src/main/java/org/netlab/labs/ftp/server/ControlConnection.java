package org.netlab.labs.ftp.server;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.netlab.labs.ftp.DataConnection;
import org.netlab.labs.net.InputDrain;
import org.netlab.labs.net.LineReader;

/**
 * The control connection of a session: command lines come in through a size-limited reader and
 * replies go out through one {@link ControlReplies}. AUTH TLS layers TLS over the same socket; the
 * reader and the replies then use the TLS streams, so nothing else has to know the socket changed.
 */
final class ControlConnection {
  /** No FTP command needs more; a longer line ends the session instead of being buffered. */
  static final int MAX_LINE_BYTES = 8192;

  private static final Duration DRAIN_BOUND = Duration.ofSeconds(1);
  private static final int DRAIN_BYTES = 64 * 1024;

  private final ControlReplies replies;
  private final Duration lineTimeout;
  private Socket socket;
  private LineReader reader;

  /**
   * @param lineTimeout how long a command line may take to come whole once its first byte is in,
   *     however slowly its bytes trickle; the socket's own timeout bounds the silence between lines
   */
  ControlConnection(Socket socket, Duration lineTimeout) throws IOException {
    this.socket = socket;
    this.lineTimeout = lineTimeout;
    this.reader = LineReader.forSocket(socket, MAX_LINE_BYTES, lineTimeout);
    this.replies = new ControlReplies(new BufferedOutputStream(socket.getOutputStream()));
  }

  /** The writer of every reply; the same object before and after AUTH TLS. */
  ControlReplies replies() {
    return replies;
  }

  /**
   * The next command line, or null when the client closed the connection.
   *
   * @throws java.net.SocketTimeoutException when the idle timeout passes without a line
   * @throws LineReader.LineTimeoutException when a started line does not come whole in time
   * @throws LineReader.LineTooLongException when a line exceeds {@link #MAX_LINE_BYTES}
   */
  byte[] readLine() throws IOException {
    return reader.readLine();
  }

  /**
   * Runs the server side of a TLS handshake over the connection (AUTH TLS, RFC 4217 section 4) and
   * switches reading and replying to it. The caller has already sent its 234 in clear. TLS 1.2, as
   * on data connections, which must resume this connection's session.
   *
   * @return the connection's TLS session
   * @throws IOException when the handshake fails; the session cannot go on after that
   */
  SSLSession startTls(SSLContext context) throws IOException {
    SSLSocket tls =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket(
                    socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
    tls.setUseClientMode(false);
    tls.setEnabledProtocols(new String[] {DataConnection.TLS_PROTOCOL});
    tls.startHandshake();
    socket = tls;
    reader = LineReader.forSocket(tls, MAX_LINE_BYTES, lineTimeout);
    replies.use(new BufferedOutputStream(tls.getOutputStream()));
    return tls.getSession();
  }

  /**
   * Reads and drops what a client cut off still sends, for a moment, so that closing does not reset
   * the connection before the client has read the last reply.
   */
  void drainBeforeClose() {
    InputDrain.discard(socket, DRAIN_BOUND, DRAIN_BYTES);
  }
}
