package org.netlab.labs.echo;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import org.netlab.cli.Durations;
import org.netlab.labs.integrity.MessageCodec;
import org.netlab.labs.net.LineReader;

/** Echo over TCP: one line out, one line back, each within the timeout. */
public final class TcpEchoClient implements EchoClient {
  /** Cap on a reply line: generous, since the server may upper-case or frame the text. */
  private static final int MAX_REPLY_BYTES = 1 << 20;

  private final InetSocketAddress server;
  private final MessageCodec codec;
  private final Socket socket;
  private final OutputStream out;
  private final LineReader replies;

  /**
   * Connects within the timeout.
   *
   * @param timeout bounds the connect and the wait for each reply
   * @param codec plain, or the sealing of the integrity mode as {@code Role.CLIENT}
   */
  public TcpEchoClient(InetSocketAddress server, Duration timeout, MessageCodec codec)
      throws IOException {
    this.server = Objects.requireNonNull(server, "server");
    this.codec = Objects.requireNonNull(codec, "codec");
    int millis = Math.toIntExact(Math.max(1, timeout.toMillis()));
    this.socket = new Socket();
    try {
      socket.connect(server, millis);
      socket.setSoTimeout(millis);
      socket.setTcpNoDelay(true);
      this.out = new BufferedOutputStream(socket.getOutputStream());
      this.replies =
          new LineReader(new BufferedInputStream(socket.getInputStream()), MAX_REPLY_BYTES);
    } catch (IOException e) {
      socket.close();
      throw new IOException("cannot reach " + address() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String echo(String text) throws IOException {
    out.write((codec.seal(text) + LineReader.CRLF).getBytes(UTF_8));
    out.flush();
    byte[] line;
    try {
      line = replies.readLine();
    } catch (SocketTimeoutException e) {
      throw new IOException(
          "no reply from "
              + address()
              + " within "
              + Durations.text(Duration.ofMillis(socket.getSoTimeout())),
          e);
    }
    if (line == null) {
      throw new IOException("connection closed by " + address());
    }
    return codec.open(new String(line, UTF_8));
  }

  private String address() {
    return server.getHostString() + ":" + server.getPort();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
