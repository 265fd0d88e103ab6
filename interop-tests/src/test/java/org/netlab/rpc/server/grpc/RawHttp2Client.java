package org.netlab.rpc.server.grpc;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * An HTTP/2 client that writes frames by hand (RFC 9113), to send what no real gRPC client would:
 * streams past the advertised limit, HEADERS at once cancelled by RST_STREAM. It speaks TLS with
 * ALPN {@code h2}, or cleartext HTTP/2 with prior knowledge. Header blocks are HPACK literals
 * without indexing and without Huffman coding (RFC 7541 section 6.2.2), which every decoder
 * accepts.
 *
 * <p>A reader thread answers SETTINGS and PING, counts the RST_STREAM frames the server sends, and
 * records its GOAWAY.
 */
final class RawHttp2Client implements AutoCloseable {
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  // Frame types and flags, RFC 9113 section 6.
  private static final int DATA = 0x0;
  private static final int HEADERS = 0x1;
  private static final int RST_STREAM = 0x3;
  private static final int SETTINGS = 0x4;
  private static final int PING = 0x6;
  private static final int GOAWAY = 0x7;
  private static final int FLAG_ACK = 0x1;
  private static final int FLAG_END_STREAM = 0x1;
  private static final int FLAG_END_HEADERS = 0x4;

  /** RST_STREAM error codes, RFC 9113 section 7. */
  static final int REFUSED_STREAM = 0x7;

  static final int CANCEL = 0x8;

  private final Socket socket;
  private final OutputStream out;
  private final String scheme;
  private final String authority;
  private final CompletableFuture<Void> serverSettings = new CompletableFuture<>();
  private final CompletableFuture<Long> goAway = new CompletableFuture<>();
  private final AtomicInteger refusedStreams = new AtomicInteger();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final Thread reader;

  private RawHttp2Client(Socket socket, String scheme, String authority) throws IOException {
    this.socket = socket;
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    this.scheme = scheme;
    this.authority = authority;
    // The preface goes out before the reader can acknowledge the server's SETTINGS.
    out.write(PREFACE);
    frame(SETTINGS, 0, 0, new byte[0]);
    out.flush();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    this.reader = Thread.ofPlatform().daemon().name("raw-h2-reader").start(() -> read(in));
  }

  /**
   * Connects, sends the preface and empty SETTINGS, and waits for the server's SETTINGS (which it
   * acknowledges, so the server's limits are in force).
   *
   * @param tls trust for the server's certificate; null for cleartext HTTP/2
   */
  static RawHttp2Client connect(InetSocketAddress address, SSLContext tls) throws IOException {
    Socket socket;
    if (tls == null) {
      socket = new Socket();
      socket.connect(address, 5_000);
    } else {
      SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket();
      SSLParameters parameters = secure.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2"});
      secure.setSSLParameters(parameters);
      secure.connect(address, 5_000);
      secure.setSoTimeout(10_000);
      secure.startHandshake();
      socket = secure;
    }
    socket.setSoTimeout(0);
    socket.setTcpNoDelay(true);
    RawHttp2Client client =
        new RawHttp2Client(
            socket,
            tls == null ? "http" : "https",
            address.getHostString() + ":" + address.getPort());
    try {
      client.serverSettings.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      client.close();
      throw new IOException("no SETTINGS from the server: " + e, e);
    }
    return client;
  }

  /** Opens stream {@code streamId} (odd, increasing) for a gRPC call to {@code path}. */
  void openStream(int streamId, String path) throws IOException {
    byte[] block = headerBlock(path);
    synchronized (out) {
      frame(HEADERS, FLAG_END_HEADERS, streamId, block);
    }
  }

  /** Sends one gRPC message (uncompressed) on an open stream. */
  void sendMessage(int streamId, byte[] message, boolean endStream) throws IOException {
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    payload.write(0);
    payload.write(message.length >>> 24);
    payload.write(message.length >>> 16);
    payload.write(message.length >>> 8);
    payload.write(message.length);
    payload.write(message);
    synchronized (out) {
      frame(DATA, endStream ? FLAG_END_STREAM : 0, streamId, payload.toByteArray());
    }
  }

  /** Cancels a stream. */
  void resetStream(int streamId) throws IOException {
    synchronized (out) {
      frame(RST_STREAM, 0, streamId, new byte[] {0, 0, 0, CANCEL});
    }
  }

  void flush() throws IOException {
    synchronized (out) {
      out.flush();
    }
  }

  /**
   * The error code of the server's GOAWAY, or null if none came within {@code timeout} or the
   * connection ended without one.
   */
  Long awaitGoAway(Duration timeout) throws InterruptedException {
    try {
      CompletableFuture.anyOf(goAway, closed).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // no GOAWAY yet
    }
    return goAway.getNow(null);
  }

  /**
   * Whether the connection has ended, by either side. A server that hangs up while our frames are
   * still unread resets the connection, and the reset may discard its GOAWAY before we read it.
   */
  boolean isClosed() {
    return closed.isDone();
  }

  /** How many streams the server refused with RST_STREAM(REFUSED_STREAM) so far. */
  int refusedStreams() {
    return refusedStreams.get();
  }

  /** Closes the connection with a TCP reset and no GOAWAY, as a client that dies would. */
  void drop() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      reader.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void read(DataInputStream in) {
    try {
      while (true) {
        int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        in.readInt(); // stream identifier: no use here
        byte[] payload = new byte[length];
        in.readFully(payload);
        switch (type) {
          case SETTINGS -> {
            if ((flags & FLAG_ACK) == 0) {
              synchronized (out) {
                frame(SETTINGS, FLAG_ACK, 0, new byte[0]);
                out.flush();
              }
              serverSettings.complete(null);
            }
          }
          case PING -> {
            if ((flags & FLAG_ACK) == 0) {
              synchronized (out) {
                frame(PING, FLAG_ACK, 0, payload);
                out.flush();
              }
            }
          }
          case RST_STREAM -> {
            if (errorCode(payload, 0) == REFUSED_STREAM) {
              refusedStreams.incrementAndGet();
            }
          }
          case GOAWAY -> goAway.complete(errorCode(payload, 4));
          default -> {}
        }
      }
    } catch (EOFException e) {
      // the server closed the connection
    } catch (IOException e) {
      // closed by us, or reset
    } finally {
      serverSettings.completeExceptionally(new EOFException("connection closed"));
      closed.complete(null);
    }
  }

  private static long errorCode(byte[] payload, int offset) {
    return ((payload[offset] & 0xffL) << 24)
        | ((payload[offset + 1] & 0xffL) << 16)
        | ((payload[offset + 2] & 0xffL) << 8)
        | (payload[offset + 3] & 0xffL);
  }

  private void frame(int type, int flags, int streamId, byte[] payload) throws IOException {
    out.write(payload.length >>> 16);
    out.write(payload.length >>> 8);
    out.write(payload.length);
    out.write(type);
    out.write(flags);
    out.write(streamId >>> 24 & 0x7f);
    out.write(streamId >>> 16);
    out.write(streamId >>> 8);
    out.write(streamId);
    out.write(payload);
  }

  private byte[] headerBlock(String path) {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    literal(block, ":method", "POST");
    literal(block, ":scheme", scheme);
    literal(block, ":path", path);
    literal(block, ":authority", authority);
    literal(block, "content-type", "application/grpc");
    literal(block, "te", "trailers");
    return block.toByteArray();
  }

  /** A literal header field without indexing, new name (RFC 7541 section 6.2.2). */
  private static void literal(ByteArrayOutputStream block, String name, String value) {
    block.write(0x00);
    string(block, name);
    string(block, value);
  }

  private static void string(ByteArrayOutputStream block, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    integer(block, bytes.length, 7);
    block.writeBytes(bytes);
  }

  /** An HPACK integer with an N-bit prefix, the H (Huffman) bit left 0 (RFC 7541 5.1). */
  private static void integer(ByteArrayOutputStream block, int value, int prefixBits) {
    int max = (1 << prefixBits) - 1;
    if (value < max) {
      block.write(value);
      return;
    }
    block.write(max);
    value -= max;
    while (value >= 128) {
      block.write(value % 128 + 128);
      value /= 128;
    }
    block.write(value);
  }
}
