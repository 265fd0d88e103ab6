package org.netlab.labs.chat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.labs.echo.CommandRun;
import org.netlab.labs.integrity.MessageCodec;
import org.netlab.labs.net.TcpServer;

@Timeout(20)
class ChatCommandsTest {
  private static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(UTF_8));
  }

  @Test
  void tcpClientTakesItsNameTalksAndQuitsAtEndOfInput() throws IOException {
    try (TcpServer server =
        new TcpServer(
                "chat",
                new TcpServer.Options(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    4,
                    Duration.ofSeconds(5)),
                new ChatConnectionHandler(
                    new ChatRoom(ChatServerTest.NOON),
                    new ChatConnectionHandler.Limits(1024, 64),
                    MessageCodec::plain))
            .start()) {
      CommandRun run =
          CommandRun.of(
              new ChatClientCommand(stdin("hello room\n/who\n")),
              "--port",
              Integer.toString(server.port()),
              "--name",
              "alice");
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(
          run.out()
              .matches(
                  """
                  12:00:00 \\* guest-1 joined
                  \\* welcome, guest-1; commands: /nick NAME, /who, /quit
                  12:00:00 \\* guest-1 is now alice
                  12:00:00 <alice> hello room
                  \\* in the room: alice
                  \\* bye
                  """),
          run.out());
    }
  }

  @Test
  void tcpClientThatCannotConnectSaysSo() throws IOException {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    CommandRun run =
        CommandRun.of(new ChatClientCommand(stdin("")), "--port", Integer.toString(closedPort));
    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().startsWith("chat-client: cannot reach 127.0.0.1:" + closedPort + ": "),
        run.err());
  }

  @Test
  void udpChatGoesInTurnsUntilFin() throws Exception {
    try (DatagramSocket listening = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      listening.setSoTimeout(10_000);
      StringWriter serverSide = new StringWriter();
      UdpTurnChat other =
          new UdpTurnChat(
              listening,
              MessageCodec.plain(),
              new BufferedReader(new StringReader("hi, who is it?\nnice to hear you\n")),
              new PrintWriter(serverSide, true));
      CompletableFuture<Void> otherEnds =
          CompletableFuture.runAsync(
              () -> {
                try {
                  other.listenFirst();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      CommandRun run =
          CommandRun.of(
              new ChatClientCommand(stdin("hello\nit is me\nFIN\n")),
              "--udp",
              "--port",
              Integer.toString(listening.getLocalPort()));
      otherEnds.get();
      assertEquals(
          new CommandRun(0, "> hi, who is it?\n> nice to hear you\n* chat ended\n", ""), run);
      assertTrue(
          serverSide
              .toString()
              .matches(
                  """
                  \\* chatting with /127\\.0\\.0\\.1:\\d+
                  > hello
                  > it is me
                  > FIN
                  \\* the other side ended the chat
                  """),
          serverSide.toString());
    }
  }

  @Test
  void udpChatAnswersAThirdPartyBusyAndKeepsItsPeer() throws Exception {
    try (DatagramSocket listening = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        DatagramSocket intruder = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      listening.setSoTimeout(10_000);
      peer.setSoTimeout(10_000);
      intruder.setSoTimeout(10_000);
      StringWriter shown = new StringWriter();
      UdpTurnChat chat =
          new UdpTurnChat(
              listening,
              MessageCodec.plain(),
              new BufferedReader(new StringReader("reply\n")),
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
      send(peer, listening, "first");
      assertEquals("reply", receive(peer));
      send(intruder, listening, "let me in");
      assertEquals(UdpTurnChat.BUSY, receive(intruder));
      send(peer, listening, "fin");
      ends.get();
      assertTrue(
          shown.toString().endsWith("> first\n> fin\n* the other side ended the chat\n"),
          shown.toString());
    }
  }

  private static void send(DatagramSocket from, DatagramSocket to, String text) throws IOException {
    byte[] bytes = text.getBytes(UTF_8);
    from.send(new DatagramPacket(bytes, bytes.length, to.getLocalSocketAddress()));
  }

  private static String receive(DatagramSocket socket) throws IOException {
    byte[] buffer = new byte[1024];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    socket.receive(packet);
    return new String(buffer, 0, packet.getLength(), UTF_8);
  }
}
