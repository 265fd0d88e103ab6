package org.netlab.labs.ftp.server;

import static org.netlab.labs.ftp.FtpReply.BAD_COMMAND_SEQUENCE;
import static org.netlab.labs.ftp.FtpReply.CANNOT_OPEN_DATA_CONNECTION;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the next data connection of a session gets opened: a passive listener (PASV, EPSV) that only
 * the client's own address may connect to, or an active target (PORT, EPRT) already checked against
 * bounce. Each setting serves one transfer.
 */
final class DataChannelSetup implements AutoCloseable {
  private final InetAddress localAddress;
  private final InetAddress clientAddress;
  private final PortRange passivePorts;
  private final Duration timeout;
  private ServerSocketChannel listener;
  private InetSocketAddress activeTarget;

  DataChannelSetup(
      InetAddress localAddress,
      InetAddress clientAddress,
      PortRange passivePorts,
      Duration timeout) {
    this.localAddress = localAddress;
    this.clientAddress = clientAddress;
    this.passivePorts = passivePorts;
    this.timeout = timeout;
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
   * Opens the data connection set up last: accepts the client (strangers connecting to the passive
   * port are turned away) or connects to it, within the data timeout.
   */
  SocketChannel open() throws FtpCommandException {
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
        return withReadTimeout(accept(listener));
      }
      if (activeTarget != null) {
        SocketChannel channel = SocketChannel.open();
        try {
          channel.bind(new InetSocketAddress(localAddress, 0));
          channel.socket().connect(activeTarget, Math.toIntExact(timeout.toMillis()));
          return withReadTimeout(channel);
        } catch (IOException e) {
          channel.close();
          throw e;
        }
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

  /** Bounds the stream reads of a TLS handshake; channel reads are watched by a StallGuard. */
  private SocketChannel withReadTimeout(SocketChannel channel) throws IOException {
    channel.socket().setSoTimeout(Math.toIntExact(timeout.toMillis()));
    return channel;
  }

  private SocketChannel accept(ServerSocketChannel listener) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      if (System.nanoTime() >= deadline) {
        throw new SocketTimeoutException("no connection within " + timeout.toSeconds() + " s");
      }
      listener.socket().setSoTimeout(Math.toIntExact(left));
      Socket socket = listener.socket().accept();
      if (socket.getInetAddress().equals(clientAddress)) {
        return socket.getChannel();
      }
      socket.close();
    }
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
