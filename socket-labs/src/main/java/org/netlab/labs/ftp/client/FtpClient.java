package org.netlab.labs.ftp.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.netlab.labs.ftp.DataAddress;
import org.netlab.labs.ftp.DataConnection;
import org.netlab.labs.ftp.FtpReply;
import org.netlab.labs.ftp.StallGuard;
import org.netlab.labs.net.LineReader;

/**
 * An FTP client over one control connection: passive data connections (EPSV, falling back to PASV
 * once a server refuses it), binary by default, optional explicit TLS (AUTH TLS, PBSZ 0, PROT P).
 * Every negative reply becomes an {@link FtpReplyException}; every other failure stays an {@link
 * IOException}. Not thread-safe: one command at a time.
 */
public final class FtpClient implements AutoCloseable {
  private static final int MAX_LINE_BYTES = 8192;
  private static final int MAX_REPLY_LINES = 10_000;

  private final InetSocketAddress server;
  private final Duration timeout;
  private Socket control;
  private LineReader reader;
  private OutputStream out;
  private SSLContext tls;
  private boolean epsvRefused;
  private boolean ascii;
  private boolean closed;

  /** A reply: its code and its text lines (one for a single-line reply). */
  public record Reply(int code, List<String> lines) {
    public Reply {
      lines = List.copyOf(lines);
    }

    /** The text of the last line, without the code. */
    public String text() {
      return lines.get(lines.size() - 1);
    }
  }

  private FtpClient(InetSocketAddress server, Duration timeout) {
    this.server = server;
    this.timeout = timeout;
  }

  /**
   * Connects and reads the greeting.
   *
   * @throws FtpReplyException when the server turns the connection away (421)
   */
  public static FtpClient connect(String host, int port, Duration timeout) throws IOException {
    FtpClient client = new FtpClient(new InetSocketAddress(host, port), timeout);
    client.open();
    return client;
  }

  private void open() throws IOException {
    if (server.isUnresolved()) {
      throw new java.net.UnknownHostException(server.getHostString() + ": unknown host");
    }
    Socket socket = new Socket();
    try {
      socket.connect(server, millis(timeout));
      socket.setSoTimeout(millis(timeout));
      socket.setTcpNoDelay(true);
      useControl(socket);
      expect(readReply(), "connect");
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Switches the control connection to TLS and protects data connections (RFC 4217). */
  public void startTls(SSLContext context) throws IOException {
    expect(command("AUTH TLS"), "AUTH TLS");
    SSLSocket socket =
        (SSLSocket)
            context
                .getSocketFactory()
                .createSocket(control, server.getHostString(), server.getPort(), true);
    socket.setUseClientMode(true);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    useControl(socket);
    tls = context;
    expect(command("PBSZ 0"), "PBSZ 0");
    expect(command("PROT P"), "PROT P");
  }

  /** USER then PASS; a server that takes the name alone (230) is fine too. */
  public void login(String user, char[] password) throws IOException {
    Reply reply = command("USER " + user);
    if (reply.code() == FtpReply.NEED_PASSWORD) {
      reply = command("PASS " + new String(password));
    }
    expect(reply, "login as " + user);
    binary();
  }

  /** The server this client is connected to, as it was named. */
  public InetSocketAddress server() {
    return server;
  }

  /** Whether the control connection is protected (and so are data connections). */
  public boolean isTls() {
    return tls != null;
  }

  /** Whether transfers are in ASCII (TYPE A) rather than binary (TYPE I). */
  public boolean isAscii() {
    return ascii;
  }

  /** Whether passive mode fell back from EPSV to PASV on this server. */
  public boolean usesPasv() {
    return epsvRefused;
  }

  public void binary() throws IOException {
    expect(command("TYPE I"), "TYPE I");
    ascii = false;
  }

  public void ascii() throws IOException {
    expect(command("TYPE A"), "TYPE A");
    ascii = true;
  }

  public String pwd() throws IOException {
    String text = expect(command("PWD"), "PWD").text();
    int first = text.indexOf('"');
    int last = text.lastIndexOf('"');
    if (first < 0 || last <= first) {
      return text;
    }
    return text.substring(first + 1, last).replace("\"\"", "\"");
  }

  public void cd(String path) throws IOException {
    expect(command("CWD " + path), path);
  }

  public void mkdir(String path) throws IOException {
    expect(command("MKD " + path), path);
  }

  public void delete(String path) throws IOException {
    expect(command("DELE " + path), path);
  }

  public void rmdir(String path) throws IOException {
    expect(command("RMD " + path), path);
  }

  public void rename(String from, String to) throws IOException {
    Reply reply = command("RNFR " + from);
    if (reply.code() != FtpReply.FILE_ACTION_PENDING) {
      throw new FtpReplyException(reply, from);
    }
    expect(command("RNTO " + to), to);
  }

  /** The size in bytes, or -1 when the server will not say. */
  public long size(String path) throws IOException {
    Reply reply = command("SIZE " + path);
    if (reply.code() != FtpReply.FILE_STATUS) {
      return -1;
    }
    try {
      return Long.parseLong(reply.text().strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The LIST lines for a path (empty for the working directory). */
  public List<String> list(String path) throws IOException {
    return lines(path.isEmpty() ? "LIST" : "LIST " + path, path);
  }

  /** The names in a directory (NLST). */
  public List<String> names(String path) throws IOException {
    return lines(path.isEmpty() ? "NLST" : "NLST " + path, path);
  }

  private List<String> lines(String command, String path) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    transfer(
        command,
        path,
        (connection, tick) -> {
          try (InputStream in = connection.input()) {
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) >= 0; ) {
              buffer.write(chunk, 0, n);
              tick.accept(n);
            }
          }
        });
    List<String> lines = new ArrayList<>();
    for (String line : buffer.toString(UTF_8).split("\r?\n")) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /**
   * Downloads {@code path} into {@code file} at its current position; with {@code offset > 0} asks
   * the server to start there (REST), for resuming.
   *
   * @return bytes received
   */
  public long retrieve(String path, FileChannel file, long offset, LongConsumer progress)
      throws IOException {
    long[] received = {0};
    transfer(
        "RETR " + path,
        path,
        offset,
        (connection, tick) ->
            received[0] = connection.receiveInto(file, ascii, both(tick, progress)));
    return received[0];
  }

  /**
   * Uploads {@code file} from its position 0 to {@code path}; the server makes it visible once
   * complete.
   *
   * @return bytes sent
   */
  public long store(String path, FileChannel file, LongConsumer progress) throws IOException {
    long[] sent = {0};
    transfer(
        "STOR " + path,
        path,
        0,
        (connection, tick) -> sent[0] = connection.sendFile(file, 0, ascii, both(tick, progress)));
    return sent[0];
  }

  /** Sends any command and returns its reply, whatever the code. */
  public Reply command(String line) throws IOException {
    if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a command is one line");
    }
    out.write((line + LineReader.CRLF).getBytes(UTF_8));
    out.flush();
    return readReply();
  }

  /** What a transfer does once its data connection is open. */
  @FunctionalInterface
  private interface DataAction {
    /**
     * @param tick to call with each count of bytes moved
     */
    void run(DataConnection connection, LongConsumer tick) throws IOException;
  }

  private void transfer(String command, String path, DataAction action) throws IOException {
    transfer(command, path, 0, action);
  }

  private void transfer(String command, String path, long offset, DataAction action)
      throws IOException {
    SocketChannel channel = openPassive();
    try {
      if (offset > 0) {
        Reply rest = command("REST " + offset);
        if (rest.code() != FtpReply.FILE_ACTION_PENDING) {
          throw new FtpReplyException(rest, path);
        }
      }
      Reply start = command(command);
      if (!FtpReply.isPositivePreliminary(start.code())) {
        throw new FtpReplyException(start, path);
      }
      DataConnection connection =
          tls == null
              ? DataConnection.plain(channel)
              : DataConnection.tlsClient(channel, tls, server);
      // Channel reads and all writes ignore socket timeouts: a watchdog ends a stalled transfer.
      try (connection;
          StallGuard guard = StallGuard.watch(timeout, connection::abort)) {
        try {
          action.run(connection, guard::progress);
        } catch (IOException e) {
          if (guard.stalled()) {
            throw new SocketTimeoutException(
                "data connection stalled for " + timeout.toSeconds() + " s");
          }
          throw e;
        }
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    expect(readReply(), path);
  }

  private SocketChannel openPassive() throws IOException {
    InetSocketAddress target = null;
    if (!epsvRefused) {
      Reply reply = command("EPSV");
      if (reply.code() == FtpReply.ENTERING_EPSV_MODE) {
        target =
            new InetSocketAddress(
                control.getInetAddress(), DataAddress.parseEpsvReply(reply.text()));
      } else {
        epsvRefused = true;
      }
    }
    if (target == null) {
      Reply reply = command("PASV");
      if (reply.code() != FtpReply.ENTERING_PASSIVE_MODE) {
        throw new FtpReplyException(reply, "passive mode");
      }
      // The address in the reply is ignored: connecting back to the control host keeps a
      // hostile server from pointing us elsewhere and works behind NAT.
      int port = DataAddress.parseSixNumbers(reply.text()).getPort();
      target = new InetSocketAddress(control.getInetAddress(), port);
    }
    SocketChannel channel = SocketChannel.open();
    try {
      channel.socket().connect(target, millis(timeout));
      channel.socket().setSoTimeout(millis(timeout));
      return channel;
    } catch (IOException e) {
      channel.close();
      throw new IOException("cannot open data connection to " + target + ": " + e.getMessage(), e);
    }
  }

  private static LongConsumer both(LongConsumer first, LongConsumer second) {
    return n -> {
      first.accept(n);
      second.accept(n);
    };
  }

  private Reply expect(Reply reply, String subject) throws FtpReplyException {
    if (!FtpReply.isPositiveCompletion(reply.code())) {
      throw new FtpReplyException(reply, subject);
    }
    return reply;
  }

  /** Reads one reply, single or multi-line (RFC 959 section 4.2). */
  private Reply readReply() throws IOException {
    String first = readLine();
    int code = codeOf(first);
    List<String> lines = new ArrayList<>();
    if (first.length() > 3 && first.charAt(3) == '-') {
      lines.add(first.substring(4));
      String end = first.substring(0, 3) + " ";
      while (true) {
        String line = readLine();
        if (line.startsWith(end) || line.equals(end.strip())) {
          lines.add(line.length() > 4 ? line.substring(4) : "");
          break;
        }
        lines.add(line);
        if (lines.size() > MAX_REPLY_LINES) {
          throw new IOException("reply longer than " + MAX_REPLY_LINES + " lines");
        }
      }
    } else {
      lines.add(first.length() > 4 ? first.substring(4) : "");
    }
    return new Reply(code, lines);
  }

  private String readLine() throws IOException {
    byte[] line = reader.readLine();
    if (line == null) {
      throw new IOException("server closed the control connection");
    }
    return new String(line, UTF_8);
  }

  private static int codeOf(String line) throws IOException {
    if (line.length() < 3 || !line.substring(0, 3).matches("[1-5]\\d\\d")) {
      throw new IOException("not an FTP reply: " + line);
    }
    return Integer.parseInt(line.substring(0, 3));
  }

  private void useControl(Socket socket) throws IOException {
    control = socket;
    reader = new LineReader(new BufferedInputStream(socket.getInputStream()), MAX_LINE_BYTES);
    out = new BufferedOutputStream(socket.getOutputStream());
  }

  private static int millis(Duration d) {
    return Math.toIntExact(d.toMillis());
  }

  /** Sends QUIT when possible and closes. Safe to call twice. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      command("QUIT");
    } catch (IOException e) {
      // Closing anyway.
    } finally {
      control.close();
    }
  }
}
