package org.netlab.labs.echo;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;

/**
 * Echo over UDP with a receive timeout and a bounded number of tries: a lost datagram, a lost reply
 * or a port where nothing listens ends in {@link NoReplyException}, never a hang. The socket is
 * connected to the server, so datagrams from anyone else are dropped by the kernel. Echo has no
 * request ids: after a retry, a late duplicate reply may be taken for the reply to the next text.
 */
public final class UdpEchoClient implements EchoClient {
  /**
   * Replies longer than this are cut; three times our server's limit, as other servers may grow
   * text when they transform it (ours never does).
   */
  private static final int MAX_REPLY_BYTES = 3 * UdpEchoServer.MAX_DATAGRAM_BYTES;

  private final InetSocketAddress server;
  private final int tries;
  private final DatagramSocket socket;
  private final byte[] buffer = new byte[MAX_REPLY_BYTES];

  /**
   * @param timeout how long each try waits for the reply
   * @param tries how many times a datagram is sent before giving up
   */
  public UdpEchoClient(InetSocketAddress server, Duration timeout, int tries) throws IOException {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1");
    }
    if (server.isUnresolved()) {
      throw new IOException("unknown host " + server.getHostString());
    }
    this.server = Objects.requireNonNull(server, "server");
    this.tries = tries;
    this.socket = new DatagramSocket();
    try {
      socket.connect(server);
      socket.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  @Override
  public String echo(String text) throws IOException {
    byte[] request = text.getBytes(UTF_8);
    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
    for (int attempt = 1; attempt <= tries; attempt++) {
      socket.send(new DatagramPacket(request, request.length));
      try {
        reply.setLength(buffer.length);
        socket.receive(reply);
        return new String(reply.getData(), 0, reply.getLength(), UTF_8);
      } catch (SocketTimeoutException | PortUnreachableException e) {
        // Lost on the way there or back, or refused by the host: try again.
      }
    }
    throw new NoReplyException(server, tries);
  }

  @Override
  public void close() {
    socket.close();
  }
}
