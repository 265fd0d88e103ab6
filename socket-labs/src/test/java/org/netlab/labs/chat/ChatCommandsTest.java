package org.netlab.labs.chat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netlab.labs.chat.ScriptedTurnChat.receive;
import static org.netlab.labs.chat.ScriptedTurnChat.send;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.cli.ExitCodes;
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
                    ChatConnectionHandler.Limits.defaults(1024),
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
  void tcpClientThatCannotConnectSaysSoAndExitsWithNoAnswer() throws IOException {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    CommandRun run =
        CommandRun.of(new ChatClientCommand(stdin("")), "--port", Integer.toString(closedPort));
    assertEquals(ExitCodes.NO_ANSWER, run.exitCode());
    assertTrue(
        run.err().startsWith("chat-client: cannot reach 127.0.0.1:" + closedPort + ": "),
        run.err());
  }

  @Test
  void udpChatGoesInTurnsUntilFin() throws Exception {
    try (ScriptedTurnChat other =
        ScriptedTurnChat.listening(MessageCodec.plain(), "hi, who is it?\nnice to hear you\n")) {
      CommandRun run =
          CommandRun.of(
              new ChatClientCommand(stdin("hello\nit is me\nFIN\n")),
              "--udp",
              "--port",
              Integer.toString(other.port()));
      assertEquals(
          new CommandRun(0, "> hi, who is it?\n> nice to hear you\n* chat ended\n", ""), run);
      String shown = other.shownAtEnd();
      assertTrue(
          shown.matches(
              """
              \\* chatting with 127\\.0\\.0\\.1:\\d+
              > hello
              > it is me
              > FIN
              \\* the other side ended the chat
              """),
          shown);
    }
  }

  @Test
  void udpChatAnswersAThirdPartyBusyAndKeepsItsPeer() throws Exception {
    try (ScriptedTurnChat chat = ScriptedTurnChat.listening(MessageCodec.plain(), "reply\n");
        DatagramSocket peer = ScriptedTurnChat.socket();
        DatagramSocket intruder = ScriptedTurnChat.socket()) {
      send(peer, chat.address(), "first");
      assertEquals("reply", receive(peer));
      send(intruder, chat.address(), "let me in, I have something to say to you both");
      assertEquals(UdpTurnChat.BUSY, receive(intruder));
      // Never more bytes back than came in: a short datagram gets as much of the answer.
      for (String knock : List.of("x", "knock", "let me in")) {
        send(intruder, chat.address(), knock);
        assertEquals(UdpTurnChat.BUSY.substring(0, knock.length()), receive(intruder));
      }
      send(peer, chat.address(), "fin");
      String shown = chat.shownAtEnd();
      assertTrue(shown.endsWith("> first\n> fin\n* the other side ended the chat\n"), shown);
    }
  }

  @Test
  void tcpRoomOnAPortInUseSaysSoOnOneLineAndExitsWithFour() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      CommandRun run =
          CommandRun.of(
              new ChatServerCommand(stdin("")), "--port", Integer.toString(taken.getLocalPort()));
      assertEquals(
          new CommandRun(
              ExitCodes.CANNOT_SERVE,
              "",
              "chat-server: cannot listen on 127.0.0.1:"
                  + taken.getLocalPort()
                  + ": Address already in use\n"),
          run);
    }
  }

  @Test
  void udpChatOnAPortInUseSaysSoOnOneLineAndExitsWithFour() throws IOException {
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      CommandRun run =
          CommandRun.of(
              new ChatServerCommand(stdin("")),
              "--udp",
              "--port",
              Integer.toString(taken.getLocalPort()));
      assertEquals(ExitCodes.CANNOT_SERVE, run.exitCode(), run.err());
      assertTrue(
          run.err()
              .startsWith(
                  "chat-server: cannot listen on 127.0.0.1:"
                      + taken.getLocalPort()
                      + ": Address already in use"),
          run.err());
      assertEquals(1, run.err().lines().count(), run.err());
    }
  }
}
