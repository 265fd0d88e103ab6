package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.netlab.labs.net.ConnectionHandler;
import org.netlab.labs.net.InputDrain;
import org.netlab.labs.net.LineReader;
import org.netlab.labs.net.TcpServer;

/**
 * The check-in server: one request line per connection, due whole within the idle timeout of
 * connecting, one reply line, then close (see {@link CheckInProtocol}). Attempts are decided and
 * logged by {@link CheckInService}; this class only moves bytes.
 */
public final class CheckInServer implements AutoCloseable {
  static final String BUSY = "server busy, try again";
  // After a line too long or too slow, what still comes is read and dropped (up to this
  // much) before closing: closing with unread input would reset the connection and lose
  // the reply.
  private static final int MAX_DRAIN_BYTES = 64 * 1024;
  private static final Duration DRAIN_BOUND = Duration.ofSeconds(1);

  private final TcpServer tcp;
  private final CheckInLog checkIns;

  /**
   * Where and how to serve.
   *
   * @param secrets the enrolments, see {@link SecretsFile}
   * @param log the check-in log, see {@link CheckInLog}
   */
  public record Config(
      InetSocketAddress bind, Path secrets, Path log, int maxConnections, Duration idleTimeout) {
    public Config {
      Objects.requireNonNull(bind, "bind");
      Objects.requireNonNull(secrets, "secrets");
      Objects.requireNonNull(log, "log");
    }
  }

  private CheckInServer(TcpServer tcp, CheckInLog checkIns) {
    this.tcp = tcp;
    this.checkIns = checkIns;
  }

  /**
   * Opens the secrets file and the log, restores recent state from the log and listens.
   *
   * @throws IOException when the secrets file is open to group or others, a file cannot be opened,
   *     or the port cannot be bound
   */
  public static CheckInServer start(Config config, Clock clock) throws IOException {
    SecretsFile secrets = SecretsFile.open(config.secrets());
    CheckInLog checkIns = CheckInLog.open(config.log());
    try {
      CheckInService service = new CheckInService(secrets, checkIns, clock);
      service.restore(CheckInLog.readSince(config.log(), service.restoreSince()));
      TcpServer tcp =
          new TcpServer(
              "totp",
              new TcpServer.Options(config.bind(), config.maxConnections(), config.idleTimeout()),
              new Handler(service, config.idleTimeout()));
      tcp.start();
      return new CheckInServer(tcp, checkIns);
    } catch (IOException | RuntimeException e) {
      checkIns.close();
      throw e;
    }
  }

  public InetSocketAddress address() {
    return tcp.address();
  }

  public int port() {
    return tcp.port();
  }

  /** Stops serving and closes the log; safe to call twice. */
  @Override
  public void close() throws IOException {
    tcp.close();
    checkIns.close();
  }

  private record Handler(CheckInService service, Duration idleTimeout)
      implements ConnectionHandler {
    @Override
    public void handle(Socket socket) throws IOException {
      String host = socket.getInetAddress().getHostAddress();
      String client =
          (socket.getInetAddress() instanceof Inet6Address ? "[" + host + "]" : host)
              + ":"
              + socket.getPort();
      Verdict verdict;
      boolean unreadInput = false;
      try {
        // The whole line is due within the idle timeout of connecting, however it trickles in.
        byte[] line =
            LineReader.forSocket(socket, CheckInProtocol.MAX_LINE_BYTES, idleTimeout)
                .startClock()
                .readLine();
        if (line == null) {
          return; // connected and left without a word: not an attempt
        }
        verdict = service.checkIn(CheckInProtocol.decode(line), client);
      } catch (LineReader.LineTooLongException e) {
        verdict =
            service.refuseMalformed(
                "line longer than " + CheckInProtocol.MAX_LINE_BYTES + " bytes", client);
        unreadInput = true;
      } catch (LineReader.LineTimeoutException e) {
        verdict = service.refuseMalformed(e.getMessage(), client);
        unreadInput = true;
      } catch (CheckInProtocol.MalformedRequestException e) {
        verdict = service.refuseMalformed(e.getMessage(), client);
      }
      reply(socket, verdict.reply());
      if (unreadInput) {
        // So that closing does not reset the connection before the client has read the reply.
        InputDrain.discard(socket, DRAIN_BOUND, MAX_DRAIN_BYTES);
      }
    }

    @Override
    public void refuse(Socket socket) throws IOException {
      reply(socket, BUSY);
    }

    private static void reply(Socket socket, String message) throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write((message + CheckInProtocol.CRLF).getBytes(UTF_8));
      out.flush();
    }
  }
}
