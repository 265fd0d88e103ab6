package org.netlab.labs.echo;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Objects;
import org.netlab.cli.SocketAddresses;
import org.netlab.labs.cli.CannotServeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Echo over UDP: each datagram of at most {@value #MAX_DATAGRAM_BYTES} bytes comes back
 * transformed, its UTF-8 characters only: bytes that are not UTF-8 come back as they came. No
 * answer is longer than its datagram, so the server amplifies nothing. A larger datagram is
 * answered with {@link #TOO_LARGE_REPLY}. The text {@value #FIN} (any case, white space around it
 * ignored) ends the sender's exchange and is answered with {@value #FIN}. One thread serves every
 * peer: a reply costs microseconds, and a datagram socket has no connection to wait on.
 */
public final class UdpEchoServer implements AutoCloseable {
  /** The largest datagram echoed; larger ones get {@link #TOO_LARGE_REPLY}. */
  public static final int MAX_DATAGRAM_BYTES = 8192;

  /** Ends an exchange, sent by the client and answered by the server. */
  public static final String FIN = "FIN";

  public static final String TOO_LARGE_REPLY =
      "! datagram larger than " + MAX_DATAGRAM_BYTES + " bytes";

  private static final Logger log = LoggerFactory.getLogger(UdpEchoServer.class);

  private final InetSocketAddress bind;
  private final EchoTransform transform;
  private DatagramSocket socket;
  private Thread loop;
  private volatile boolean closed;

  public UdpEchoServer(InetSocketAddress bind, EchoTransform transform) {
    this.bind = Objects.requireNonNull(bind, "bind");
    this.transform = Objects.requireNonNull(transform, "transform");
  }

  /** Binds and starts serving; returns once the port is bound. */
  public synchronized UdpEchoServer start() throws IOException {
    if (socket != null) {
      throw new IllegalStateException("already started");
    }
    try {
      socket = new DatagramSocket(bind);
    } catch (SocketException e) {
      throw new CannotServeException(
          "cannot listen on " + SocketAddresses.text(bind) + ": " + e.getMessage(), e);
    }
    loop = Thread.ofPlatform().name("udp-echo").daemon().start(this::serve);
    return this;
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  public int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    // One byte more than the limit, so a larger datagram shows as filling the buffer.
    byte[] buffer = new byte[MAX_DATAGRAM_BYTES + 1];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (!closed) {
      try {
        packet.setLength(buffer.length);
        socket.receive(packet);
        byte[] reply = replyTo(packet);
        socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
      } catch (IOException e) {
        if (!closed) {
          log.warn("udp echo: {}", e.toString());
        }
      }
    }
  }

  /** The answer to a datagram: never longer than the datagram (see {@link EchoTransform}). */
  private byte[] replyTo(DatagramPacket packet) {
    if (packet.getLength() > MAX_DATAGRAM_BYTES) {
      log.info(
          "{}: datagram over {} bytes refused",
          SocketAddresses.text(packet.getSocketAddress()),
          MAX_DATAGRAM_BYTES);
      return TOO_LARGE_REPLY.getBytes(UTF_8);
    }
    String text = new String(packet.getData(), 0, packet.getLength(), UTF_8);
    if (text.strip().equalsIgnoreCase(FIN)) {
      log.info("{}: exchange ended", SocketAddresses.text(packet.getSocketAddress()));
      return FIN.getBytes(UTF_8);
    }
    return transform.apply(packet.getData(), 0, packet.getLength());
  }

  /** Stops serving and frees the port; closing twice is safe. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (socket != null) {
      socket.close();
    }
    if (loop != null) {
      try {
        loop.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
