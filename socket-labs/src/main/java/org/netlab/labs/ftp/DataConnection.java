package org.netlab.labs.ftp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One FTP data connection, plain or protected with TLS (PROT P, RFC 4217). Plain binary transfers
 * go through the kernel ({@code sendfile} via {@link FileChannel#transferTo} and large direct
 * buffers); TLS and ASCII transfers go through streams. A progress callback receives byte counts as
 * they move, so a watchdog can spot a stalled peer.
 */
public final class DataConnection implements AutoCloseable {
  private static final int CHANNEL_BUFFER = 1 << 20;
  private static final int STREAM_BUFFER = 256 * 1024;
  private static final long SEND_CHUNK = 8L << 20;

  /**
   * The one TLS version of data connections, and of the server's control connections so that their
   * sessions can be resumed on data connections.
   */
  public static final String TLS_PROTOCOL = "TLSv1.2";

  private final SocketChannel channel;
  private final Tls tls;

  /** The TLS layer of a protected connection. */
  interface Tls {
    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    SSLSession session();

    /** Sends close_notify and closes the socket. */
    void close() throws IOException;
  }

  private DataConnection(SocketChannel channel, Tls tls) {
    this.channel = channel;
    this.tls = tls;
  }

  public static DataConnection plain(SocketChannel channel) {
    return new DataConnection(channel, null);
  }

  /**
   * Protects a connected channel with TLS as the server and completes the handshake. The FTP server
   * is always the TLS server, whichever side opened the connection (RFC 4217 section 7). A client
   * may resume any session of {@code context}: the caller checks which.
   */
  public static DataConnection tlsServer(SocketChannel channel, SSLContext context)
      throws IOException {
    try {
      SSLSocket socket =
          (SSLSocket)
              context
                  .getSocketFactory()
                  .createSocket(
                      channel.socket(),
                      channel.socket().getInetAddress().getHostAddress(),
                      channel.socket().getPort(),
                      true);
      socket.setUseClientMode(false);
      // TLS 1.3 servers send session tickets after the handshake; a client that only uploads
      // never reads them, and its close then resets the connection, losing the end of the
      // upload. TLS 1.2 sends nothing after the handshake.
      socket.setEnabledProtocols(new String[] {TLS_PROTOCOL});
      socket.startHandshake();
      return new DataConnection(channel, new ServerTls(socket));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Protects a connected channel with TLS as the client and completes the handshake, resuming the
   * session {@code context} holds for the control connection, as servers that require it expect
   * (see {@link ResumingTlsClient}).
   *
   * @param sessionHost the control connection's host and port; the server's certificate is checked
   *     against this host name
   */
  public static DataConnection tlsClient(
      SocketChannel channel, SSLContext context, InetSocketAddress sessionHost) throws IOException {
    try {
      ResumingTlsClient tls = ResumingTlsClient.handshake(channel.socket(), context, sessionHost);
      return new DataConnection(channel, tls);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The TLS session of a protected connection, null for a clear one. */
  public SSLSession tlsSession() {
    return tls == null ? null : tls.session();
  }

  /** A stream to the peer; closing it closes the connection. */
  public OutputStream output() throws IOException {
    OutputStream raw = tls != null ? tls.output() : channel.socket().getOutputStream();
    return new BufferedOutputStream(raw, STREAM_BUFFER);
  }

  /** A stream from the peer. */
  public InputStream input() throws IOException {
    InputStream raw = tls != null ? tls.input() : channel.socket().getInputStream();
    return new BufferedInputStream(raw, STREAM_BUFFER);
  }

  /**
   * Sends {@code file} from {@code position} to its current end.
   *
   * @return bytes read from the file
   */
  public long sendFile(FileChannel file, long position, boolean ascii, LongConsumer progress)
      throws IOException {
    long end = file.size();
    if (ascii || tls != null) {
      file.position(position);
      InputStream in = Channels.newInputStream(file);
      OutputStream out = ascii ? AsciiLineEndings.toNetwork(output()) : output();
      long sent = copy(in, out, progress);
      out.flush();
      return sent;
    }
    long sent = 0;
    while (position + sent < end) {
      long n =
          file.transferTo(position + sent, Math.min(SEND_CHUNK, end - position - sent), channel);
      if (n <= 0 && file.size() <= position + sent) {
        break;
      }
      sent += n;
      progress.accept(n);
    }
    return sent;
  }

  /**
   * Receives until the peer closes the connection, writing at the file's position.
   *
   * @return bytes written to the file
   */
  public long receiveInto(FileChannel file, boolean ascii, LongConsumer progress)
      throws IOException {
    if (ascii) {
      long before = file.position();
      OutputStream fileOut =
          new BufferedOutputStream(Channels.newOutputStream(file), STREAM_BUFFER);
      OutputStream out = AsciiLineEndings.fromNetwork(fileOut);
      copy(input(), out, progress);
      AsciiLineEndings.finish(out);
      fileOut.flush();
      return file.position() - before;
    }
    if (tls != null) {
      InputStream in = tls.input();
      byte[] buffer = new byte[STREAM_BUFFER];
      long total = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        ByteBuffer wrapped = ByteBuffer.wrap(buffer, 0, n);
        while (wrapped.hasRemaining()) {
          file.write(wrapped);
        }
        total += n;
        progress.accept(n);
      }
      return total;
    }
    ByteBuffer buffer = ByteBuffer.allocateDirect(CHANNEL_BUFFER);
    long total = 0;
    while (true) {
      int n = channel.read(buffer);
      if (n < 0) {
        break;
      }
      if (buffer.position() > CHANNEL_BUFFER / 2 || n == 0) {
        total += drain(buffer, file);
      }
      progress.accept(n);
    }
    total += drain(buffer, file);
    return total;
  }

  private static long drain(ByteBuffer buffer, FileChannel file) throws IOException {
    buffer.flip();
    long written = 0;
    while (buffer.hasRemaining()) {
      written += file.write(buffer);
    }
    buffer.clear();
    return written;
  }

  private static long copy(InputStream in, OutputStream out, LongConsumer progress)
      throws IOException {
    byte[] buffer = new byte[STREAM_BUFFER];
    long total = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      out.write(buffer, 0, n);
      total += n;
      progress.accept(n);
    }
    return total;
  }

  /** Closes the connection; with TLS, sends close_notify first. Safe to call twice. */
  @Override
  public void close() throws IOException {
    try {
      if (tls != null) {
        tls.close();
      }
    } finally {
      channel.close();
    }
  }

  /** Closes without close_notify and with a reset: how an abort looks to the peer. */
  public void abort() {
    try {
      channel.socket().setSoLinger(true, 0);
    } catch (IOException e) {
      // Already closed: nothing left to reset.
    }
    try {
      channel.close();
    } catch (IOException e) {
      // Closing is best effort here.
    }
  }

  /** The server's TLS layer: the JDK's socket. */
  private record ServerTls(SSLSocket socket) implements Tls {
    @Override
    public InputStream input() throws IOException {
      return socket.getInputStream();
    }

    @Override
    public OutputStream output() throws IOException {
      return socket.getOutputStream();
    }

    @Override
    public SSLSession session() {
      return socket.getSession();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
