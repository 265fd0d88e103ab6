package org.netlab.labs.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.netlab.labs.chat.ScriptedTurnChat.receive;
import static org.netlab.labs.chat.ScriptedTurnChat.send;
import static org.netlab.labs.integrity.HmacFrameCodecTest.KEY;
import static org.netlab.labs.integrity.HmacFrameCodecTest.flipLowBit;

import java.net.DatagramSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.cli.SocketAddresses;
import org.netlab.labs.chat.ScriptedTurnChat;

/** Frames as datagrams: the UDP chat in turns, its peer sending good and altered frames. */
@Timeout(20)
class IntegrityOverUdpTest {
  @Test
  void chatInTurnsShowsTheIntegrityMessageForAnAlteredDatagramAndGoesOn() throws Exception {
    try (ScriptedTurnChat chat =
            ScriptedTurnChat.listening(
                MessageCodec.hmac(KEY, Role.SERVER), "first answer\nsecond answer\n");
        DatagramSocket peer = ScriptedTurnChat.socket()) {
      MessageCodec peerCodec = MessageCodec.hmac(KEY, Role.CLIENT);
      String hello = peerCodec.seal("hello");
      send(peer, chat.address(), hello);
      assertEquals("first answer", peerCodec.open(receive(peer)));
      send(peer, chat.address(), flipLowBit(peerCodec.seal("altered"), 4));
      assertEquals("second answer", peerCodec.open(receive(peer)));
      send(peer, chat.address(), hello);
      // The replayed frame used the peer's turn; the chat's input is now at its end: fin.
      assertEquals("fin", peerCodec.open(receive(peer)));
      assertEquals(
          String.join(
              "\n",
              "* chatting with " + SocketAddresses.text(peer.getLocalSocketAddress()),
              "> hello",
              IntegrityException.USER_MESSAGE,
              IntegrityException.USER_MESSAGE,
              "* chat ended",
              ""),
          chat.shownAtEnd());
    }
  }
}
