package org.netlab.labs.ftp.server;

import static org.netlab.labs.ftp.FtpReply.BAD_COMMAND_SEQUENCE;
import static org.netlab.labs.ftp.FtpReply.CANNOT_OPEN_DATA_CONNECTION;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.netlab.cli.Durations;
import org.netlab.labs.ftp.DataConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the next data connection of a session gets opened, and who may be at its other end: a passive
 * listener (PASV, EPSV) or an active target (PORT, EPRT, already checked against bounce). Each
 * setting serves one transfer.
 *
 * <p>A data connection is taken only from the control connection's own address. Under PROT P it
 * must also resume the control connection's TLS session (vsftpd's {@code require_ssl_reuse}): only
 * the client holds that session, so a third party cannot take the transfer even from the same
 * address. A clear data connection carries no such proof; from the client's address, the one
 * connection waiting is taken, and two waiting at once are both refused, since either may be the
 * third party's. Anything refused is closed, the server keeps waiting for the client until the data
 * timeout, and the transfer is answered 425 if it never comes.
 */
final class DataChannelSetup implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FtpServer.class);

  private final InetAddress localAddress;
  private final InetAddress clientAddress;
  private final PortRange passivePorts;
  private final Duration timeout;
  private final SSLContext tls;
  private ServerSocketChannel listener;
  private InetSocketAddress activeTarget;

  /**
   * @param tls the server's TLS context, which holds the control connection's session; null without
   *     TLS
   */
  DataChannelSetup(
      InetAddress localAddress,
      InetAddress clientAddress,
      PortRange passivePorts,
      Duration timeout,
      SSLContext tls) {
    this.localAddress = localAddress;
    this.clientAddress = clientAddress;
    this.passivePorts = passivePorts;
    this.timeout = timeout;
    this.tls = tls;
  }

  /** Opens a listener on the control connection's local address; returns its address. */
  synchronized InetSocketAddress passive() throws IOException {
    close();
    ServerSocketChannel channel = ServerSocketChannel.open();
    try {
      bind(channel);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    listener = channel;
    return (InetSocketAddress) channel.getLocalAddress();
  }

  synchronized void active(InetSocketAddress target) {
    close();
    activeTarget = target;
  }

  synchronized boolean isSet() {
    return listener != null || activeTarget != null;
  }

  /**
   * Opens the data connection set up last, within the data timeout: accepts the client, or connects
   * to it; with TLS when {@code controlTls} is given.
   *
   * @param controlTls under PROT P, the control connection's TLS session, which the data connection
   *     must resume; null for a clear data connection
   * @throws FtpCommandException 425 when no connection that passes the checks above was opened in
   *     time, 503 when nothing was set up
   */
  DataConnection open(SSLSession controlTls) throws FtpCommandException {
    ServerSocketChannel listener;
    InetSocketAddress activeTarget;
    synchronized (this) {
      listener = this.listener;
      activeTarget = this.activeTarget;
      // Taken by this transfer; close() still reaches a listener it has not finished with.
      this.activeTarget = null;
    }
    try {
      if (listener != null) {
        return accept(listener, controlTls);
      }
      if (activeTarget != null) {
        return connect(activeTarget, controlTls);
      }
    } catch (IOException e) {
      throw new FtpCommandException(
          CANNOT_OPEN_DATA_CONNECTION, "Cannot open data connection: " + e.getMessage());
    } finally {
      synchronized (this) {
        if (this.listener == listener) {
          close();
        }
      }
    }
    throw new FtpCommandException(BAD_COMMAND_SEQUENCE, "Use PASV, EPSV, PORT or EPRT first");
  }

  /** Takes the first connection to the passive port that passes the checks, before the deadline. */
  private DataConnection accept(ServerSocketChannel listener, SSLSession controlTls)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String refused = null;
    while (true) {
      SocketChannel channel = acceptBefore(listener, deadline, refused);
      InetAddress peer = channel.socket().getInetAddress();
      if (!peer.equals(clientAddress)) {
        log.info(
            "data connection from {} refused: not the client's address", peer.getHostAddress());
        channel.close();
        refused = "one from another address";
        continue;
      }
      if (controlTls == null) {
        if (anotherFromTheClientWaits(listener)) {
          log.info(
              "data connections from {} refused: two at once, one may be a third party's",
              peer.getHostAddress());
          channel.close();
          throw new IOException(
              "two data connections from "
                  + clientAddress.getHostAddress()
                  + " at once, one may not be yours: both refused");
        }
        return DataConnection.plain(withReadTimeout(channel));
      }
      try {
        return protect(channel, controlTls, deadline);
      } catch (Refused e) {
        refused = "one that " + e.getMessage();
      }
    }
  }

  /** Connects to the client's PORT or EPRT address. */
  private DataConnection connect(InetSocketAddress target, SSLSession controlTls)
      throws IOException {
    SocketChannel channel = SocketChannel.open();
    try {
      channel.bind(new InetSocketAddress(localAddress, 0));
      channel.socket().connect(target, Math.toIntExact(timeout.toMillis()));
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (controlTls == null) {
      return DataConnection.plain(withReadTimeout(channel));
    }
    try {
      return protect(channel, controlTls, System.nanoTime() + timeout.toNanos());
    } catch (Refused e) {
      throw new IOException("the connection to " + target + " " + e.getMessage());
    }
  }

  /** A data connection closed for what it did: a failed handshake, another session. */
  private static final class Refused extends Exception {
    Refused(String what) {
      super(what, null, false, false);
    }
  }

  /**
   * Runs the TLS handshake, bounded by the deadline, and keeps the connection only if it resumed
   * the control connection's session.
   *
   * @throws Refused when it did not (the connection is closed)
   */
  private DataConnection protect(SocketChannel channel, SSLSession controlTls, long deadline)
      throws IOException, Refused {
    String peer =
        channel.socket().getInetAddress().getHostAddress() + ":" + channel.socket().getPort();
    channel.socket().setSoTimeout(millisUntil(deadline));
    DataConnection connection;
    try {
      connection = DataConnection.tlsServer(channel, tls);
    } catch (IOException e) {
      log.info("data connection from {} refused: TLS handshake failed: {}", peer, e.toString());
      throw new Refused("failed the TLS handshake");
    }
    if (!resumes(connection.tlsSession(), controlTls)) {
      log.info(
          "data connection from {} refused: it did not resume the control connection's TLS"
              + " session",
          peer);
      connection.abort();
      throw new Refused("did not resume the control connection's TLS session");
    }
    withReadTimeout(channel);
    return connection;
  }

  /**
   * Whether {@code data} is the control connection's session, resumed. vsftpd compares session ids;
   * this asks for the very session the server's cache holds, which has that id. An id alone is not
   * enough here: a session resumed from a stateless ticket takes the id the client chooses, which
   * could be copied from the control connection's handshake. {@link FtpsContexts#forServer} turns
   * tickets off; this refuses them anyway.
   */
  private static boolean resumes(SSLSession data, SSLSession control) {
    return data == control && control.getId().length > 0;
  }

  /**
   * Whether another connection from the client's address waits to be accepted; connections from
   * other addresses found meanwhile are closed.
   */
  private boolean anotherFromTheClientWaits(ServerSocketChannel listener) throws IOException {
    listener.configureBlocking(false);
    try {
      for (SocketChannel other; (other = listener.accept()) != null; ) {
        boolean fromClient = other.socket().getInetAddress().equals(clientAddress);
        other.close();
        if (fromClient) {
          return true;
        }
      }
      return false;
    } finally {
      listener.configureBlocking(true);
    }
  }

  /**
   * The next connection to the passive port.
   *
   * @param refused what was refused so far, for the message when none comes; null for nothing
   * @throws SocketTimeoutException when the deadline passes first
   */
  private SocketChannel acceptBefore(ServerSocketChannel listener, long deadline, String refused)
      throws IOException {
    String late =
        "no data connection within "
            + Durations.text(timeout)
            + (refused == null ? "" : "; refused " + refused);
    if (System.nanoTime() >= deadline) {
      throw new SocketTimeoutException(late);
    }
    listener.socket().setSoTimeout(millisUntil(deadline));
    try {
      return listener.socket().accept().getChannel();
    } catch (SocketTimeoutException e) {
      throw new SocketTimeoutException(late);
    }
  }

  /** Bounds the stream reads of a TLS handshake; channel reads are watched by a StallGuard. */
  private SocketChannel withReadTimeout(SocketChannel channel) throws IOException {
    channel.socket().setSoTimeout(Math.toIntExact(timeout.toMillis()));
    return channel;
  }

  private static int millisUntil(long deadline) {
    return Math.toIntExact(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
  }

  private void bind(ServerSocketChannel channel) throws IOException {
    if (passivePorts == null) {
      channel.bind(new InetSocketAddress(localAddress, 0), 1);
      return;
    }
    int start = ThreadLocalRandom.current().nextInt(passivePorts.size());
    for (int i = 0; i < passivePorts.size(); i++) {
      int port = passivePorts.first() + (start + i) % passivePorts.size();
      try {
        channel.bind(new InetSocketAddress(localAddress, port), 1);
        return;
      } catch (BindException e) {
        // Taken: try the next one.
      }
    }
    throw new BindException("all passive ports " + passivePorts + " are in use");
  }

  @Override
  public synchronized void close() {
    activeTarget = null;
    if (listener != null) {
      try {
        listener.close();
      } catch (IOException e) {
        // Nothing to do about a listener that will not close.
      }
      listener = null;
    }
  }
}
