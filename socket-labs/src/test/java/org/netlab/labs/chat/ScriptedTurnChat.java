package org.netlab.labs.chat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.concurrent.CompletableFuture;
import org.netlab.labs.integrity.MessageCodec;

/**
 * The listening side of a UDP chat in turns, run in the background on loopback with the lines a
 * person would type given up front; records what it showed. Also the raw datagram steps the tests
 * play as the other side.
 */
public final class ScriptedTurnChat implements AutoCloseable {
  private final DatagramSocket socket;
  private final StringWriter shown = new StringWriter();
  private final CompletableFuture<Void> done;

  private ScriptedTurnChat(MessageCodec codec, String typed) throws IOException {
    socket = socket();
    UdpTurnChat chat =
        new UdpTurnChat(
            socket,
            codec,
            new BufferedReader(new StringReader(typed)),
            new PrintWriter(shown, true));
    done =
        CompletableFuture.runAsync(
            () -> {
              try {
                chat.listenFirst();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /** Starts listening; {@code typed} holds the lines it answers with, in turn. */
  public static ScriptedTurnChat listening(MessageCodec codec, String typed) throws IOException {
    return new ScriptedTurnChat(codec, typed);
  }

  public int port() {
    return socket.getLocalPort();
  }

  public SocketAddress address() {
    return socket.getLocalSocketAddress();
  }

  /** Waits for the chat to end and returns all it showed. */
  public String shownAtEnd() throws Exception {
    done.get();
    return shown.toString();
  }

  @Override
  public void close() {
    socket.close();
  }

  /** A loopback datagram socket whose receives give up after 10 s. */
  public static DatagramSocket socket() throws IOException {
    DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    socket.setSoTimeout(10_000);
    return socket;
  }

  public static void send(DatagramSocket from, SocketAddress to, String text) throws IOException {
    byte[] bytes = text.getBytes(UTF_8);
    from.send(new DatagramPacket(bytes, bytes.length, to));
  }

  public static String receive(DatagramSocket socket) throws IOException {
    byte[] buffer = new byte[UdpTurnChat.MAX_DATAGRAM_BYTES + 1];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    socket.receive(packet);
    return new String(buffer, 0, packet.getLength(), UTF_8);
  }
}
