package org.netlab.labs.pay;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.netlab.cli.SocketAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepting side of the lab's connections, the central server's and a peer's own: TLS 1.3 only
 * over an accepted socket, and replies written whole.
 */
public final class PayTls {
  private static final Logger log = LoggerFactory.getLogger(PayTls.class);

  /** Whether the connecting side must show a certificate. */
  public enum ClientCertificate {
    /** Asked for, not required: the central server, where a newcomer registers without one. */
    WANTED,
    /** Required, and checked against the CA: a peer's own server. */
    REQUIRED
  }

  private PayTls() {}

  /**
   * Runs the server side of the handshake within {@code timeout}.
   *
   * @return the TLS socket (closing it sends close_notify), or empty when the handshake failed or
   *     timed out; that is logged at debug, and the caller closes {@code raw}
   */
  public static Optional<SSLSocket> accept(
      SSLContext tls, Socket raw, ClientCertificate clientCertificate, Duration timeout)
      throws IOException {
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, null, true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setProtocols(new String[] {"TLSv1.3"});
    if (clientCertificate == ClientCertificate.REQUIRED) {
      parameters.setNeedClientAuth(true);
    } else {
      parameters.setWantClientAuth(true);
    }
    socket.setSSLParameters(parameters);
    socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
    try {
      socket.startHandshake();
      return Optional.of(socket);
    } catch (SSLException | SocketTimeoutException e) {
      log.debug(
          "TLS handshake with {} failed: {}",
          SocketAddresses.text(raw.getRemoteSocketAddress()),
          e.getMessage());
      return Optional.empty();
    }
  }

  /** Writes a reply, all its lines, and flushes. */
  public static void send(OutputStream out, PayReply reply) throws IOException {
    out.write(reply.wire().getBytes(UTF_8));
    out.flush();
  }
}
