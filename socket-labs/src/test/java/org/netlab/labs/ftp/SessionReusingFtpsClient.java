package org.netlab.labs.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.SocketChannel;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * Commons Net's FTPSClient, whose protected data connections resume the control connection's TLS
 * session, as servers that tie the two together require (vsftpd's {@code require_ssl_reuse}, ours).
 * The stock FTPSClient opens each data connection with a new session (Commons Net has no way to
 * offer one); here the data connection is opened in clear by Commons Net and protected by {@link
 * DataConnection#tlsClient}. Control connection, commands and replies stay Commons Net's.
 */
public final class SessionReusingFtpsClient extends FTPSClient {
  private final SSLContext context;
  private boolean protect;

  public SessionReusingFtpsClient(SSLContext context) {
    super(false, context);
    this.context = context;
    // The data connections check the server's name; a session resumes only where the control
    // connection checked it too.
    setEndpointCheckingEnabled(true);
  }

  @Override
  public void execPROT(String level) throws IOException {
    super.execPROT(level);
    protect = "P".equals(level);
    if (protect) {
      // Clear sockets with channels, which DataConnection protects.
      setSocketFactory(new ChannelSockets());
    }
  }

  @Override
  protected Socket _openDataConnection_(String command, String arg) throws IOException {
    Socket socket = super._openDataConnection_(command, arg);
    if (socket == null || !protect) {
      return socket;
    }
    InetSocketAddress control =
        new InetSocketAddress(getRemoteAddress().getHostAddress(), getRemotePort());
    return new ProtectedSocket(
        socket, DataConnection.tlsClient(socket.getChannel(), context, control));
  }

  /** Unconnected sockets that have a channel. */
  private static final class ChannelSockets extends SocketFactory {
    @Override
    public Socket createSocket() throws IOException {
      return SocketChannel.open().socket();
    }

    @Override
    public Socket createSocket(String host, int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException();
    }
  }

  /** The data socket as Commons Net uses it: streams through TLS, the rest from the socket. */
  private static final class ProtectedSocket extends Socket {
    private final Socket socket;
    private final DataConnection tls;

    ProtectedSocket(Socket socket, DataConnection tls) {
      this.socket = socket;
      this.tls = tls;
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return tls.input();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      return tls.output();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
      socket.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
      return socket.getSoTimeout();
    }

    @Override
    public boolean isConnected() {
      return socket.isConnected();
    }

    @Override
    public boolean isClosed() {
      return socket.isClosed();
    }

    @Override
    public InetAddress getInetAddress() {
      return socket.getInetAddress();
    }

    @Override
    public int getPort() {
      return socket.getPort();
    }

    @Override
    public void close() throws IOException {
      tls.close();
    }
  }
}
