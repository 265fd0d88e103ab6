package org.netlab.labs.integrity;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.netlab.labs.integrity.HmacFrameCodecTest.KEY;
import static org.netlab.labs.integrity.HmacFrameCodecTest.flipLowBit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.labs.chat.UdpTurnChat;

/** Frames as datagrams: the UDP chat in turns, its peer sending good and altered frames. */
@Timeout(20)
class IntegrityOverUdpTest {
  @Test
  void chatInTurnsShowsTheIntegrityMessageForAnAlteredDatagramAndGoesOn() throws Exception {
    try (DatagramSocket listening = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      listening.setSoTimeout(10_000);
      peer.setSoTimeout(10_000);
      StringWriter shown = new StringWriter();
      UdpTurnChat chat =
          new UdpTurnChat(
              listening,
              MessageCodec.hmac(KEY, Role.SERVER),
              new BufferedReader(new StringReader("first answer\nsecond answer\n")),
              new PrintWriter(shown, true));
      CompletableFuture<Void> ends =
          CompletableFuture.runAsync(
              () -> {
                try {
                  chat.listenFirst();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      MessageCodec peerCodec = MessageCodec.hmac(KEY, Role.CLIENT);
      String hello = peerCodec.seal("hello");
      send(peer, listening, hello);
      assertEquals("first answer", peerCodec.open(receive(peer)));
      send(peer, listening, flipLowBit(peerCodec.seal("altered"), 4));
      assertEquals("second answer", peerCodec.open(receive(peer)));
      send(peer, listening, hello);
      // The replayed frame used the peer's turn; the chat's input is now at its end: fin.
      assertEquals("fin", peerCodec.open(receive(peer)));
      ends.get();
      assertEquals(
          String.join(
              "\n",
              "* chatting with " + peer.getLocalSocketAddress(),
              "> hello",
              IntegrityException.USER_MESSAGE,
              IntegrityException.USER_MESSAGE,
              "* chat ended",
              ""),
          shown.toString());
    }
  }

  private static void send(DatagramSocket from, DatagramSocket to, String text) throws IOException {
    byte[] bytes = text.getBytes(UTF_8);
    from.send(new DatagramPacket(bytes, bytes.length, to.getLocalSocketAddress()));
  }

  private static String receive(DatagramSocket socket) throws IOException {
    byte[] buffer = new byte[UdpTurnChat.MAX_DATAGRAM_BYTES];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    socket.receive(packet);
    return new String(buffer, 0, packet.getLength(), UTF_8);
  }
}
