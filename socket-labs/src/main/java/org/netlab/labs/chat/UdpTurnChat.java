package org.netlab.labs.chat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Objects;
import org.netlab.cli.SocketAddresses;
import org.netlab.labs.integrity.IntegrityException;
import org.netlab.labs.integrity.MessageCodec;

/**
 * Two people chat over UDP in turns, one datagram per message: one speaks, then waits for the
 * other's answer, and so on, until either sends {@value #FIN} (any case). The side that listens
 * first takes the sender of the first datagram as its peer and answers anyone else with {@link
 * #BUSY}, cut to the length of their datagram: no answer is longer than what it answers. Messages
 * are at most {@value #MAX_DATAGRAM_BYTES} bytes once encoded.
 */
public final class UdpTurnChat {
  public static final int MAX_DATAGRAM_BYTES = 8192;
  public static final String FIN = "fin";
  static final String BUSY = "! busy: this chat is between two other people";
  private static final byte[] BUSY_BYTES = BUSY.getBytes(UTF_8);

  private final DatagramSocket socket;
  private final MessageCodec codec;
  private final BufferedReader in;
  private final PrintWriter out;
  private final byte[] buffer = new byte[MAX_DATAGRAM_BYTES + 1];
  private SocketAddress peer;

  /**
   * @param socket bound, with the receive timeout that bounds each wait for the peer
   * @param in the person's lines; end of input counts as {@value #FIN}
   */
  public UdpTurnChat(
      DatagramSocket socket, MessageCodec codec, BufferedReader in, PrintWriter out) {
    this.socket = Objects.requireNonNull(socket, "socket");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
  }

  /** Speaks first, to {@code peer}; returns when either side ends the chat. */
  public void speakFirst(InetSocketAddress peer) throws IOException {
    this.peer = peer;
    while (speak() && listen()) {
      // Turn after turn.
    }
  }

  /** Waits for someone to speak first; returns when either side ends the chat. */
  public void listenFirst() throws IOException {
    while (listen() && speak()) {
      // Turn after turn.
    }
  }

  /** Sends the person's next line; false when it ended the chat. */
  private boolean speak() throws IOException {
    while (true) {
      String line = in.readLine();
      String text = line == null ? FIN : line;
      byte[] datagram = codec.seal(text).getBytes(UTF_8);
      if (datagram.length > MAX_DATAGRAM_BYTES) {
        say("! message longer than " + MAX_DATAGRAM_BYTES + " bytes, not sent; say it shorter");
        continue;
      }
      socket.send(new DatagramPacket(datagram, datagram.length, peer));
      if (text.strip().equalsIgnoreCase(FIN)) {
        say("* chat ended");
        return false;
      }
      return true;
    }
  }

  /** Shows the peer's next message; false when it ended the chat. */
  private boolean listen() throws IOException {
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (true) {
      packet.setLength(buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        throw new IOException(
            "no message from "
                + (peer == null ? "anyone" : peer)
                + " within "
                + socket.getSoTimeout() / 1000
                + " s; chat ended",
            e);
      }
      if (peer == null) {
        peer = packet.getSocketAddress();
        say("* chatting with " + SocketAddresses.text(peer));
      } else if (!peer.equals(packet.getSocketAddress())) {
        // Never more bytes than came in, so a forged source gains nothing by it.
        int length = Math.min(BUSY_BYTES.length, packet.getLength());
        if (length > 0) {
          socket.send(new DatagramPacket(BUSY_BYTES, length, packet.getSocketAddress()));
        }
        continue;
      }
      if (packet.getLength() > MAX_DATAGRAM_BYTES) {
        say("! a message longer than " + MAX_DATAGRAM_BYTES + " bytes was dropped");
        return true;
      }
      String text;
      try {
        text = codec.open(new String(packet.getData(), 0, packet.getLength(), UTF_8));
      } catch (IntegrityException e) {
        say(IntegrityException.USER_MESSAGE);
        return true;
      }
      say("> " + ChatText.shown(text));
      if (text.strip().equalsIgnoreCase(FIN)) {
        say("* the other side ended the chat");
        return false;
      }
      return true;
    }
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }
}
