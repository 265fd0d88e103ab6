package org.netlab.labs.ftp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The client side of TLS over a connected socket, resuming the session cached for another host and
 * port: a data connection goes to another port than the control connection, yet must resume the
 * control connection's session, which servers that tie the two together require (vsftpd's {@code
 * require_ssl_reuse}, ours). An {@link javax.net.ssl.SSLSocket} looks its session up under the port
 * it is connected to; an {@link SSLEngine} is told the host and port to look under.
 *
 * <p>Blocking, over the socket's streams, so the socket's read timeout bounds the handshake. One
 * thread reads and one writes at a time, as with a socket.
 */
final class ResumingTlsClient implements DataConnection.Tls {
  private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

  private final Socket socket;
  private final SSLEngine engine;
  private final InputStream rawIn;
  private final OutputStream rawOut;

  /** Bytes read from the socket and not unwrapped yet; in write mode. */
  private ByteBuffer netIn;

  /** Plain bytes unwrapped and not read yet; in write mode. */
  private ByteBuffer appIn;

  private ByteBuffer netOut;
  private boolean inboundDone;
  private boolean handshaking = true;

  private ResumingTlsClient(Socket socket, SSLEngine engine) throws IOException {
    this.socket = socket;
    this.engine = engine;
    this.rawIn = socket.getInputStream();
    this.rawOut = socket.getOutputStream();
    SSLSession session = engine.getSession();
    this.netIn = ByteBuffer.allocate(session.getPacketBufferSize());
    this.appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
    this.netOut = ByteBuffer.allocate(session.getPacketBufferSize());
  }

  /**
   * Runs the handshake as the client, checking the server's certificate against {@code
   * sessionHost}'s name, and offering the session {@code context} holds for {@code sessionHost}.
   *
   * @throws SSLHandshakeException when the handshake fails or the server closes during it
   */
  static ResumingTlsClient handshake(
      Socket socket, SSLContext context, InetSocketAddress sessionHost) throws IOException {
    SSLEngine engine = context.createSSLEngine(sessionHost.getHostString(), sessionHost.getPort());
    engine.setUseClientMode(true);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    engine.setSSLParameters(parameters);
    ResumingTlsClient tls = new ResumingTlsClient(socket, engine);
    engine.beginHandshake();
    tls.handshake();
    tls.handshaking = false;
    return tls;
  }

  @Override
  public SSLSession session() {
    return engine.getSession();
  }

  @Override
  public InputStream input() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return ResumingTlsClient.this.read(b, off, len);
      }
    };
  }

  @Override
  public OutputStream output() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        wrap(ByteBuffer.wrap(b, off, len));
      }

      @Override
      public void flush() throws IOException {
        rawOut.flush();
      }
    };
  }

  /** Sends close_notify, then closes the socket; does not wait for the server's. */
  @Override
  public void close() throws IOException {
    try {
      engine.closeOutbound();
      // close_notify takes one record; the bound only guards against an engine that loops.
      for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
        wrap(NOTHING);
      }
    } finally {
      socket.close();
    }
  }

  private int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (appIn.position() == 0) {
      if (inboundDone || unwrap() < 0) {
        return -1;
      }
    }
    appIn.flip();
    int n = Math.min(len, appIn.remaining());
    appIn.get(b, off, n);
    appIn.compact();
    return n;
  }

  /** Drives the engine until it needs no more handshake messages. */
  private void handshake() throws IOException {
    while (true) {
      switch (engine.getHandshakeStatus()) {
        case NEED_WRAP -> wrap(NOTHING);
        case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
          if (unwrap() < 0) {
            throw new SSLHandshakeException("the server closed the connection in the handshake");
          }
        }
        case NEED_TASK -> runTasks();
        case FINISHED, NOT_HANDSHAKING -> {
          return;
        }
      }
    }
  }

  /** Wraps all of {@code source} (at least one record) and writes it to the socket. */
  private void wrap(ByteBuffer source) throws IOException {
    while (true) {
      netOut.clear();
      SSLEngineResult result = engine.wrap(source, netOut);
      if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        netOut = ByteBuffer.allocate(netOut.capacity() + engine.getSession().getPacketBufferSize());
        continue;
      }
      if (result.getStatus() == SSLEngineResult.Status.CLOSED && source.hasRemaining()) {
        throw new SSLException("TLS connection already closed for writing");
      }
      netOut.flip();
      rawOut.write(netOut.array(), netOut.arrayOffset(), netOut.limit());
      afterRecord(result);
      if (!source.hasRemaining()) {
        break;
      }
    }
    rawOut.flush();
  }

  /**
   * Unwraps records into {@link #appIn} until one produces bytes or finishes a handshake step,
   * reading from the socket as needed.
   *
   * @return plain bytes produced (0 for a handshake record), or -1 at the end of the stream
   */
  private int unwrap() throws IOException {
    while (true) {
      netIn.flip();
      SSLEngineResult result;
      try {
        result = engine.unwrap(netIn, appIn);
      } finally {
        netIn.compact();
      }
      switch (result.getStatus()) {
        case OK -> {
          afterRecord(result);
          return result.bytesProduced();
        }
        case CLOSED -> {
          // The server's close_notify.
          inboundDone = true;
          return -1;
        }
        case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
        case BUFFER_UNDERFLOW -> {
          if (!netIn.hasRemaining()) {
            netIn = grow(netIn, engine.getSession().getPacketBufferSize());
          }
          int n =
              rawIn.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
          if (n < 0) {
            return endOfStream();
          }
          netIn.position(netIn.position() + n);
        }
      }
    }
  }

  /**
   * The socket ended without close_notify. Outside a handshake that counts as the end, as it does
   * for the JDK's SSLSocket: the FTP reply on the control connection says whether all arrived.
   */
  private int endOfStream() throws IOException {
    if (handshaking) {
      throw new SSLHandshakeException(
          "the server closed the connection in the handshake", new EOFException());
    }
    inboundDone = true;
    try {
      engine.closeInbound();
    } catch (SSLException e) {
      // No close_notify: see above.
    }
    return -1;
  }

  /** Answers what a record left the engine needing, outside the first handshake too. */
  private void afterRecord(SSLEngineResult result) throws IOException {
    SSLEngineResult.HandshakeStatus status = result.getHandshakeStatus();
    if (status == SSLEngineResult.HandshakeStatus.NEED_TASK) {
      runTasks();
      status = engine.getHandshakeStatus();
    }
    if (!handshaking
        && status == SSLEngineResult.HandshakeStatus.NEED_WRAP
        && !engine.isOutboundDone()) {
      // A post-handshake message that needs an answer (a TLS 1.3 key update).
      wrap(NOTHING);
    }
  }

  private void runTasks() {
    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
      task.run();
    }
  }

  private static ByteBuffer grow(ByteBuffer buffer, int room) {
    ByteBuffer bigger = ByteBuffer.allocate(buffer.position() + room);
    buffer.flip();
    bigger.put(buffer);
    return bigger;
  }
}
