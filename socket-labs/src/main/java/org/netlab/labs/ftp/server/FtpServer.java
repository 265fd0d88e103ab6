package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.netlab.labs.ftp.FtpReply;
import org.netlab.labs.net.ConnectionHandler;
import org.netlab.labs.net.LineReader;
import org.netlab.labs.net.TcpServer;

/**
 * An FTP server (RFC 959 subset with RFC 2228/4217 explicit TLS, RFC 2428 and RFC 3659 extensions)
 * serving one directory. Sessions run on virtual threads, capped in all and per client address;
 * each gets {@code 421} when over a cap.
 */
public final class FtpServer implements AutoCloseable {
  private final FtpServerConfig config;
  private final VirtualFileSystem files;
  private final DiskSync sync;
  private final TcpServer server;
  private final ConcurrentMap<InetAddress, Integer> sessionsPerAddress = new ConcurrentHashMap<>();

  /** Creates the root directory when missing; does not listen yet. */
  public FtpServer(FtpServerConfig config) throws IOException {
    this(config, config.syncUploads() ? DiskSync.FSYNC : DiskSync.NONE);
  }

  /** With another way to the disk than the configuration's, for tests that watch it. */
  FtpServer(FtpServerConfig config, DiskSync sync) throws IOException {
    this.config = config;
    this.sync = sync;
    Files.createDirectories(config.root());
    this.files = new VirtualFileSystem(config.root());
    this.server =
        new TcpServer(
            "ftp",
            new TcpServer.Options(config.bind(), config.maxSessions(), config.idleTimeout()),
            new Handler());
  }

  public FtpServer start() throws IOException {
    server.start();
    return this;
  }

  public InetSocketAddress address() {
    return server.address();
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
  }

  private final class Handler implements ConnectionHandler {
    @Override
    public void handle(Socket socket) throws IOException {
      InetAddress client = socket.getInetAddress();
      int count = sessionsPerAddress.merge(client, 1, Integer::sum);
      try {
        if (count > config.maxSessionsPerAddress()) {
          busy(socket, "Too many sessions from your address, try later");
          return;
        }
        new FtpSession(config, files, sync, socket).serve();
      } finally {
        sessionsPerAddress.computeIfPresent(client, (k, v) -> v == 1 ? null : v - 1);
      }
    }

    @Override
    public void refuse(Socket socket) throws IOException {
      busy(socket, "Too many sessions, try later");
    }

    private static void busy(Socket socket, String message) throws IOException {
      socket
          .getOutputStream()
          .write(
              (FtpReply.SERVICE_NOT_AVAILABLE + " " + message + LineReader.CRLF)
                  .getBytes(US_ASCII));
      socket.getOutputStream().flush();
    }
  }
}
