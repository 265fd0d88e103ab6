package org.netlab.labs.echo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.integrity.MessageCodec;
import org.netlab.labs.net.TcpServer;

@Timeout(20)
class EchoCommandsTest {
  private static InputStream stdin(String text) {
    return new ByteArrayInputStream(text.getBytes(UTF_8));
  }

  @Test
  void tcpClientPrintsTheReplyToEachLineOfPipedInput() throws IOException {
    try (TcpServer server =
        new TcpServer(
                "echo",
                new TcpServer.Options(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    4,
                    Duration.ofSeconds(5)),
                new TcpEchoHandler(EchoTransform.UPPER, 100, MessageCodec::plain))
            .start()) {
      CommandRun run =
          CommandRun.of(
              new EchoClientCommand(stdin("one\ntwo\n")),
              "--tcp",
              "--port",
              Integer.toString(server.port()));
      assertEquals(new CommandRun(0, "ONE\nTWO\n", ""), run);
    }
  }

  @Test
  void udpClientEndsTheExchangeOnFin() throws IOException {
    try (UdpEchoServer server =
        new UdpEchoServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), EchoTransform.AS_IS)
            .start()) {
      CommandRun run =
          CommandRun.of(
              new EchoClientCommand(stdin("hello\nFin\nnever sent\n")),
              "--udp",
              "--port",
              Integer.toString(server.port()));
      assertEquals(new CommandRun(0, "hello\nFIN\n", ""), run);
    }
  }

  @Test
  void udpClientWithoutAnswerSaysSoAndExitsWithNoAnswer() throws IOException {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      CommandRun run =
          CommandRun.of(
              new EchoClientCommand(stdin("hello\nsecond\n")),
              "--udp",
              "--port",
              Integer.toString(silent.getLocalPort()),
              "--timeout",
              "100ms",
              "--tries",
              "2");
      assertEquals(
          new CommandRun(
              ExitCodes.NO_ANSWER,
              "",
              "echo-client: no reply from 127.0.0.1:" + silent.getLocalPort() + " after 2 tries\n"),
          run);
    }
  }

  @Test
  void keyOverUdpIsAUsageError() {
    CommandRun run =
        CommandRun.of(new EchoClientCommand(stdin("")), "--udp", "--key", "00".repeat(16));
    assertEquals(
        new CommandRun(
            ExitCodes.USAGE,
            "",
            "echo-client: --key and --key-file work with --tcp only\ntry 'echo-client --help'\n"),
        run);
  }

  @Test
  void timeoutIsADurationWithAUnitLikeEveryOtherTools() throws IOException {
    try (UdpEchoServer server =
        new UdpEchoServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), EchoTransform.UPPER)
            .start()) {
      CommandRun run =
          CommandRun.of(
              new EchoClientCommand(stdin("hello\n")),
              "--udp",
              "--port",
              Integer.toString(server.port()),
              "--timeout",
              "1s");
      assertEquals(new CommandRun(0, "HELLO\n", ""), run);
    }
  }

  @Test
  void transportMustBeChosen() {
    CommandRun run = CommandRun.of(new EchoClientCommand(stdin("")));
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--udp"), run.err());
  }

  @Test
  void serverCommandServesUntilStopped() throws Exception {
    EchoServerCommand command = new EchoServerCommand();
    PipedReader piped = new PipedReader();
    PrintWriter out = new PrintWriter(new PipedWriter(piped), true);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                EchoServerCommand.commandLine(command)
                    .setOut(out)
                    .execute("--tcp", "--upper", "--port", "0"));
    String listening = new BufferedReader(piped).readLine();
    Matcher port =
        Pattern.compile("echo-server: tcp on 127\\.0\\.0\\.1:(\\d+), upper-casing")
            .matcher(listening);
    assertTrue(port.matches(), listening);
    try (TcpEchoClient client =
        new TcpEchoClient(
            new InetSocketAddress("127.0.0.1", Integer.parseInt(port.group(1))),
            Duration.ofSeconds(5),
            MessageCodec.plain())) {
      assertEquals("LOUD", client.echo("loud"));
    }
    command.stop();
    assertEquals(0, exit.get());
  }

  @Test
  void tcpServerOnAPortInUseSaysSoOnOneLineAndExitsWithFour() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      CommandRun run =
          CommandRun.of(
              new EchoServerCommand(), "--tcp", "--port", Integer.toString(taken.getLocalPort()));
      assertEquals(
          new CommandRun(
              ExitCodes.CANNOT_SERVE,
              "",
              "echo-server: cannot listen on 127.0.0.1:"
                  + taken.getLocalPort()
                  + ": Address already in use\n"),
          run);
    }
  }

  @Test
  void udpServerOnAPortInUseSaysSoOnOneLineAndExitsWithFour() throws IOException {
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      CommandRun run =
          CommandRun.of(
              new EchoServerCommand(), "--udp", "--port", Integer.toString(taken.getLocalPort()));
      assertEquals(ExitCodes.CANNOT_SERVE, run.exitCode(), run.err());
      assertTrue(
          run.err()
              .matches(
                  "echo-server: cannot listen on 127\\.0\\.0\\.1:"
                      + taken.getLocalPort()
                      + ": Address already in use.*\n"),
          run.err());
    }
  }
}
