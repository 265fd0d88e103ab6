package org.netlab.labs.integrity;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netlab.labs.integrity.HmacFrameCodecTest.KEY;
import static org.netlab.labs.integrity.HmacFrameCodecTest.KEY_HEX;
import static org.netlab.labs.integrity.HmacFrameCodecTest.OTHER_KEY;
import static org.netlab.labs.integrity.HmacFrameCodecTest.flipLowBit;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.labs.chat.ChatClientCommand;
import org.netlab.labs.chat.ChatConnectionHandler;
import org.netlab.labs.chat.ChatRoom;
import org.netlab.labs.echo.CommandRun;
import org.netlab.labs.echo.EchoClientCommand;
import org.netlab.labs.echo.EchoTransform;
import org.netlab.labs.echo.TcpEchoHandler;
import org.netlab.labs.net.ConnectionHandler;
import org.netlab.labs.net.LineReader;
import org.netlab.labs.net.TcpServer;

/** Frames on real connections: echo and chat, tampered with from either side. */
@Timeout(20)
class IntegrityOverTcpTest {
  private static final String LOST = IntegrityException.USER_MESSAGE;

  private static TcpServer serve(ConnectionHandler handler) throws IOException {
    return new TcpServer(
            "test",
            new TcpServer.Options(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                8,
                Duration.ofSeconds(10)),
            handler)
        .start();
  }

  private static TcpServer echoServer() throws IOException {
    return serve(
        new TcpEchoHandler(EchoTransform.UPPER, 4096, () -> MessageCodec.hmac(KEY, Role.SERVER)));
  }

  private static CommandRun echoClient(TcpServer server, String input, String keyHex) {
    return CommandRun.of(
        new EchoClientCommand(new ByteArrayInputStream(input.getBytes(UTF_8))),
        "--tcp",
        "--port",
        Integer.toString(server.port()),
        "--key",
        keyHex);
  }

  @Test
  void echoWithTheRightKeyPasses() throws IOException {
    try (TcpServer server = echoServer()) {
      assertEquals(new CommandRun(0, "ONE\nTWO\n", ""), echoClient(server, "one\ntwo\n", KEY_HEX));
    }
  }

  @Test
  void echoWithAWrongKeyLosesIntegrityAndGoesOn() throws IOException {
    try (TcpServer server = echoServer()) {
      String wrongHex = "ff" + KEY_HEX.substring(2);
      assertEquals(
          new CommandRun(0, LOST + "\n" + LOST + "\n", ""),
          echoClient(server, "one\ntwo\n", wrongHex));
    }
  }

  @Test
  void echoServerRejectsFlippedTruncatedAndReplayedFramesAndGoesOn() throws IOException {
    try (TcpServer server = echoServer();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(5000);
      MessageCodec client = MessageCodec.hmac(KEY, Role.CLIENT);
      String first = client.seal("first");
      String flipped = flipLowBit(client.seal("flipped"), 4);
      String truncated = client.seal("truncated");
      String last = client.seal("last");
      OutputStream out = socket.getOutputStream();
      for (String frame :
          List.of(
              first,
              flipped,
              truncated.substring(0, truncated.length() - 10),
              first,
              MessageCodec.hmac(OTHER_KEY, Role.CLIENT).seal("forged"),
              last)) {
        out.write((frame + LineReader.CRLF).getBytes(UTF_8));
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
      String notice = TcpEchoHandler.INTEGRITY_REPLY;
      for (String expected : List.of("FIRST", notice, notice, notice, notice, "LAST")) {
        assertEquals(expected, client.open(in.readLine()));
      }
    }
  }

  @Test
  void chatClientShowsTheIntegrityMessageForTamperedFramesAndGoesOn() throws Exception {
    try (ServerSocket tamperer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // A server in the middle: sends good, altered and replayed frames, then hangs up.
      CompletableFuture<Void> served =
          CompletableFuture.runAsync(
              () -> {
                try (Socket socket = tamperer.accept()) {
                  MessageCodec server = MessageCodec.hmac(KEY, Role.SERVER);
                  String first = server.seal("first");
                  String flipped = flipLowBit(server.seal("flipped"), 5);
                  String truncated = server.seal("truncated");
                  String last = server.seal("last");
                  OutputStream out = socket.getOutputStream();
                  for (String frame :
                      List.of(first, flipped, truncated.substring(0, 20), first, last)) {
                    out.write((frame + LineReader.CRLF).getBytes(UTF_8));
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      CommandRun run =
          CommandRun.of(
              new ChatClientCommand(new ByteArrayInputStream(new byte[0])),
              "--port",
              Integer.toString(tamperer.getLocalPort()),
              "--key",
              KEY_HEX);
      served.get();
      assertEquals(
          new CommandRun(0, "first\n" + LOST + "\n" + LOST + "\n" + LOST + "\nlast\n", ""), run);
    }
  }

  @Test
  void chatRoomWithKeysTalksAndDropsForgedLines() throws IOException {
    try (TcpServer server =
            serve(
                new ChatConnectionHandler(
                    new ChatRoom(Clock.systemUTC()),
                    ChatConnectionHandler.Limits.defaults(HmacFrameCodec.frameLength(4096)),
                    () -> MessageCodec.hmac(KEY, Role.SERVER)));
        Socket forger = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      forger.setSoTimeout(5000);
      MessageCodec forgerCodec = MessageCodec.hmac(KEY, Role.CLIENT);
      BufferedReader fromRoom =
          new BufferedReader(new InputStreamReader(forger.getInputStream(), UTF_8));
      assertTrue(forgerCodec.open(fromRoom.readLine()).endsWith(" joined"));
      OutputStream out = forger.getOutputStream();
      String replayed = forgerCodec.seal("/nick mallory");
      out.write((replayed + LineReader.CRLF).getBytes(UTF_8));
      out.write(
          (MessageCodec.hmac(OTHER_KEY, Role.CLIENT).seal("forged") + LineReader.CRLF)
              .getBytes(UTF_8));
      out.write((replayed + LineReader.CRLF).getBytes(UTF_8));
      out.write((forgerCodec.seal("genuine") + LineReader.CRLF).getBytes(UTF_8));
      out.flush();
      assertTrue(forgerCodec.open(fromRoom.readLine()).startsWith("* welcome, "));
      assertTrue(forgerCodec.open(fromRoom.readLine()).endsWith(" is now mallory"));
      assertEquals("! " + LOST, forgerCodec.open(fromRoom.readLine()));
      assertEquals("! " + LOST, forgerCodec.open(fromRoom.readLine()));
      assertTrue(forgerCodec.open(fromRoom.readLine()).endsWith(" <mallory> genuine"));

      CommandRun alice =
          CommandRun.of(
              new ChatClientCommand(new ByteArrayInputStream("hi mallory\n".getBytes(UTF_8))),
              "--port",
              Integer.toString(server.port()),
              "--key",
              KEY_HEX,
              "--name",
              "alice");
      assertEquals(0, alice.exitCode(), alice.err());
      assertTrue(alice.out().contains(" <alice> hi mallory\n"), alice.out());
      String heard;
      do {
        heard = forgerCodec.open(fromRoom.readLine());
      } while (!heard.contains("<alice>"));
      assertTrue(heard.endsWith(" <alice> hi mallory"), heard);
    }
  }
}
