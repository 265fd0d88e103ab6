package org.netlab.labs.echo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class UdpEchoServerTest {
  private UdpEchoServer server;

  private UdpEchoServer start(EchoTransform transform) throws IOException {
    server =
        new UdpEchoServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), transform)
            .start();
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void ourClientGetsEachDatagramBack() throws IOException {
    start(EchoTransform.AS_IS);
    try (UdpEchoClient client = new UdpEchoClient(server.address(), Duration.ofSeconds(2), 3)) {
      assertEquals("hello", client.echo("hello"));
      assertEquals("été", client.echo("été"));
    }
  }

  @Test
  void upperModeUpperCasesLikeTheLabServer() throws IOException {
    start(EchoTransform.UPPER);
    try (UdpEchoClient client = new UdpEchoClient(server.address(), Duration.ofSeconds(2), 3)) {
      assertEquals("HELLO ÉTÉ", client.echo("hello été"));
    }
  }

  @Test
  void finInAnyCaseIsAnsweredWithFin() throws IOException {
    start(EchoTransform.AS_IS);
    try (DatagramSocket socket = socket()) {
      assertEquals("FIN", exchange(socket, "fin\n".getBytes(UTF_8)));
      assertEquals("FIN", exchange(socket, "Fin".getBytes(UTF_8)));
      assertEquals("finish", exchange(socket, "finish".getBytes(UTF_8)));
    }
  }

  @Test
  void oversizedDatagramGetsAnErrorAndServingGoesOn() throws IOException {
    start(EchoTransform.AS_IS);
    try (DatagramSocket socket = socket()) {
      byte[] big = new byte[UdpEchoServer.MAX_DATAGRAM_BYTES + 1];
      Arrays.fill(big, (byte) 'x');
      assertEquals("! datagram larger than 8192 bytes", exchange(socket, big));
      byte[] largest = new byte[UdpEchoServer.MAX_DATAGRAM_BYTES];
      Arrays.fill(largest, (byte) 'y');
      assertEquals(new String(largest, UTF_8), exchange(socket, largest));
    }
  }

  @Test
  void malformedUtf8IsNotFatal() throws IOException {
    start(EchoTransform.UPPER);
    try (DatagramSocket socket = socket()) {
      assertEquals("A\uFFFDB", exchange(socket, new byte[] {'a', (byte) 0xc3, 'b'}));
      assertEquals("OK", exchange(socket, "ok".getBytes(UTF_8)));
    }
  }

  @Test
  void invalidUtf8IsEchoedAsItCameNeverLonger() throws IOException {
    for (EchoTransform transform : EchoTransform.values()) {
      start(transform);
      try (DatagramSocket socket = socket()) {
        byte[] invalid = new byte[UdpEchoServer.MAX_DATAGRAM_BYTES];
        for (int i = 0; i < invalid.length; i++) {
          // Stray continuation bytes, bytes never valid in UTF-8, and truncated sequences.
          invalid[i] = (byte) new int[] {0x80, 0xff, 0xc3, 0xe2, 0xf0}[i % 5];
        }
        assertArrayEquals(invalid, exchangeBytes(socket, invalid), transform.name());
        byte[] mixed = {'a', (byte) 0xc3, 'b', (byte) 0xff, 'c'};
        byte[] expected =
            transform == EchoTransform.UPPER
                ? new byte[] {'A', (byte) 0xc3, 'B', (byte) 0xff, 'C'}
                : mixed;
        assertArrayEquals(expected, exchangeBytes(socket, mixed), transform.name());
      }
      server.close();
    }
  }

  @Test
  void upperCaseThatWouldGrowNeverMakesTheAnswerLonger() throws IOException {
    start(EchoTransform.UPPER);
    try (DatagramSocket socket = socket()) {
      // Upper case of these is as long in UTF-8: they are transformed.
      assertEquals("STRASSE FFI", exchange(socket, "straße ﬃ".getBytes(UTF_8)));
      // Upper case of ŉ is ʼN and of ΐ three characters, longer: they come back as they were.
      assertEquals("ŉ ΐ ABC", exchange(socket, "ŉ ΐ abc".getBytes(UTF_8)));
      for (String grows : List.of("ß", "ﬃ", "ŉ", "ΐ")) {
        byte[] full =
            grows
                .repeat(UdpEchoServer.MAX_DATAGRAM_BYTES / grows.getBytes(UTF_8).length)
                .getBytes(UTF_8);
        byte[] answer = exchangeBytes(socket, full);
        assertTrue(
            answer.length <= full.length, grows + ": " + answer.length + " > " + full.length);
      }
    }
  }

  @Test
  void unansweredDatagramEndsInNoReplyAfterEveryTry() throws IOException {
    // A bound socket that never answers: the datagrams are lost as far as the client knows.
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        UdpEchoClient client =
            new UdpEchoClient(
                (InetSocketAddress) silent.getLocalSocketAddress(), Duration.ofMillis(100), 3)) {
      NoReplyException error = assertThrows(NoReplyException.class, () -> client.echo("hello"));
      assertEquals(
          "no reply from 127.0.0.1:" + silent.getLocalPort() + " after 3 tries",
          error.getMessage());
      byte[] buffer = new byte[64];
      for (int i = 0; i < 3; i++) {
        DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        silent.receive(received);
        assertEquals("hello", new String(buffer, 0, received.getLength(), UTF_8));
      }
    }
  }

  @Test
  void portWhereNothingListensEndsInNoReply() throws IOException {
    int closedPort;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    InetSocketAddress nowhere = new InetSocketAddress("127.0.0.1", closedPort);
    try (UdpEchoClient client = new UdpEchoClient(nowhere, Duration.ofMillis(100), 2)) {
      NoReplyException error = assertThrows(NoReplyException.class, () -> client.echo("hello"));
      assertEquals("no reply from 127.0.0.1:" + closedPort + " after 2 tries", error.getMessage());
    }
  }

  @Test
  void netcatGetsTheDatagramBack() throws Exception {
    Netcat.assumeInstalled();
    start(EchoTransform.UPPER);
    assertEquals("HELLO\n", Netcat.run("hello\n", server.port(), "-u", "-w", "1"));
  }

  private static DatagramSocket socket() throws IOException {
    DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    socket.setSoTimeout(5000);
    return socket;
  }

  private String exchange(DatagramSocket socket, byte[] datagram) throws IOException {
    return new String(exchangeBytes(socket, datagram), UTF_8);
  }

  private byte[] exchangeBytes(DatagramSocket socket, byte[] datagram) throws IOException {
    socket.send(new DatagramPacket(datagram, datagram.length, server.address()));
    byte[] buffer = new byte[65536];
    DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
    socket.receive(reply);
    return Arrays.copyOf(buffer, reply.getLength());
  }
}
