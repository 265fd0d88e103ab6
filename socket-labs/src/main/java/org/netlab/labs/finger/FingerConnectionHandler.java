package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import org.netlab.cli.Durations;
import org.netlab.labs.net.ConnectionHandler;
import org.netlab.labs.net.InputDrain;
import org.netlab.labs.net.LineReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one finger connection: reads the query line within the idle budget, answers it (locally,
 * or by forwarding one hop when allowed), caps the answer, closes, and records the connection in
 * the request log. Never starts a process: the query is parsed into a user name that is only ever a
 * lookup key.
 */
final class FingerConnectionHandler implements ConnectionHandler {
  private static final Logger log = LoggerFactory.getLogger(FingerConnectionHandler.class);
  private static final int DRAIN_BYTES = 1024 * 1024;
  private static final int DRAIN_MILLIS = 1000;
  private static final int REFUSE_DRAIN_MILLIS = 250;
  private static final String BUSY = "finger: server busy, try again later\n";
  private static final byte[] NOTHING_RECEIVED = new byte[0];

  /**
   * Longest answer written on the accepting thread: a new connection's send buffer (16 KiB by
   * default on Linux, 4 KiB at least) takes it whole, so the write cannot block.
   */
  private static final int AT_ONCE_REPLY_BYTES = 2048;

  private final FingerServer.Config config;
  private final FingerService service;
  private final FingerClient forwarder;
  private final RequestLog requestLog;

  /**
   * @param forwarder the client used to forward, or null when forwarding is refused
   */
  FingerConnectionHandler(
      FingerServer.Config config,
      FingerService service,
      FingerClient forwarder,
      RequestLog requestLog) {
    this.config = config;
    this.service = service;
    this.forwarder = forwarder;
    this.requestLog = requestLog;
  }

  @Override
  public void handle(Socket socket) throws IOException {
    handle(socket, NOTHING_RECEIVED);
  }

  /**
   * Answers at once, on the accepting thread, a query that has already come whole: the usual case,
   * since a client sends its query as soon as it connects. Reads only what was received, answers
   * only from what the directory holds in memory, and writes only a short answer, which a new
   * connection's send buffer takes whole, so nothing here blocks. A query still on its way, a
   * forwarding query, one that needs the disk and a long answer go on on the connection's own
   * thread, from the bytes read here.
   */
  @Override
  public ConnectionHandler serveAtOnce(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    int available = in.available();
    if (available == 0) {
      return this;
    }
    byte[] buffer = new byte[Math.min(available, FingerProtocol.MAX_QUERY_BYTES + 2)];
    int n = in.read(buffer);
    if (n <= 0) {
      return this;
    }
    byte[] received = n == buffer.length ? buffer : Arrays.copyOf(buffer, n);
    int lf = indexOf(received, (byte) '\n');
    int end = lf > 0 && received[lf - 1] == '\r' ? lf - 1 : lf;
    if (lf >= 0 && end <= FingerProtocol.MAX_QUERY_BYTES) {
      byte[] line = Arrays.copyOf(received, end);
      FingerService.Reply reply = respond(line, true);
      if (reply != null) {
        byte[] wire = wire(reply.text());
        if (wire.length <= AT_ONCE_REPLY_BYTES) {
          long sent = 0;
          try {
            socket.setTcpNoDelay(true);
            sent = write(socket, wire);
          } finally {
            requestLog.record(socket.getRemoteSocketAddress(), line, reply.outcome(), sent);
          }
          return null;
        }
      }
    }
    return new ConnectionHandler() {
      @Override
      public void handle(Socket connection) throws IOException {
        FingerConnectionHandler.this.handle(connection, received);
      }
    };
  }

  /** Serves a connection from which {@code received} was already read. */
  private void handle(Socket socket, byte[] received) throws IOException {
    SocketAddress client = socket.getRemoteSocketAddress();
    byte[] line = null;
    FingerService.Reply reply;
    boolean unreadInput = false;
    try {
      // The whole query is due within the idle budget of connecting, however it trickles in.
      line =
          LineReader.forSocket(
                  socket, received, FingerProtocol.MAX_QUERY_BYTES, config.idleTimeout())
              .startClock()
              .readLine();
      reply = line == null ? new FingerService.Reply(Outcome.NO_QUERY, "") : respond(line);
    } catch (LineReader.LineTooLongException e) {
      unreadInput = true;
      reply =
          new FingerService.Reply(
              Outcome.QUERY_TOO_LONG,
              "finger: query longer than " + FingerProtocol.MAX_QUERY_BYTES + " bytes\n");
    } catch (LineReader.LineTimeoutException | SocketTimeoutException e) {
      reply =
          new FingerService.Reply(
              Outcome.IDLE_TIMEOUT,
              "finger: no query received within " + Durations.text(config.idleTimeout()) + "\n");
    }
    long sent = 0;
    try {
      sent = send(socket, reply.text());
      if (unreadInput) {
        drain(socket, DRAIN_MILLIS);
      }
    } finally {
      requestLog.record(client, line, reply.outcome(), sent);
    }
  }

  @Override
  public void refuse(Socket socket) throws IOException {
    long sent = 0;
    try {
      sent = send(socket, BUSY);
      drain(socket, REFUSE_DRAIN_MILLIS);
    } finally {
      requestLog.record(socket.getRemoteSocketAddress(), null, Outcome.BUSY, sent);
    }
  }

  private FingerService.Reply respond(byte[] line) {
    return respond(line, false);
  }

  /**
   * The reply to a query line. At once, on the accepting thread, nothing may wait: then it is null
   * for a query to forward (it waits on another server) and for one the directory cannot answer
   * from memory (it would read or look at files).
   */
  private FingerService.Reply respond(byte[] line, boolean atOnce) {
    FingerQuery query;
    try {
      query = FingerQuery.parse(line);
    } catch (InvalidQueryException e) {
      return new FingerService.Reply(Outcome.INVALID_QUERY, "finger: " + e.getMessage() + "\n");
    }
    if (query.isForwarding()) {
      return !atOnce || forwarder == null ? forward(query) : null;
    }
    if (atOnce) {
      return service.answerInMemory(query);
    }
    try {
      return service.answer(query);
    } catch (IOException e) {
      log.warn("finger: cannot read user information: {}", e.toString());
      return new FingerService.Reply(Outcome.FAILED, "finger: user information unavailable\n");
    }
  }

  private FingerService.Reply forward(FingerQuery query) {
    if (forwarder == null) {
      return new FingerService.Reply(
          Outcome.FORWARDING_REFUSED, FingerProtocol.FORWARDING_DENIED + "\n");
    }
    if (query.hosts().size() > 1) {
      return new FingerService.Reply(
          Outcome.FORWARDING_REFUSED, "finger: forwarding is limited to one hop\n");
    }
    FingerServerAddress target;
    try {
      target = FingerServerAddress.parse(query.nextHost(), FingerProtocol.CLASSIC_PORT);
    } catch (IllegalArgumentException e) {
      return new FingerService.Reply(Outcome.INVALID_QUERY, "finger: " + e.getMessage() + "\n");
    }
    try {
      FingerClient.Answer answer = forwarder.query(target, query.forwarded());
      return new FingerService.Reply(Outcome.FORWARDED, "[" + target + "]\n" + answer.text());
    } catch (IOException e) {
      return new FingerService.Reply(
          Outcome.FORWARDING_FAILED,
          "finger: cannot finger " + target + ": " + e.getMessage() + "\n");
    }
  }

  private long send(Socket socket, String text) throws IOException {
    return write(socket, wire(text));
  }

  private static long write(Socket socket, byte[] bytes) throws IOException {
    if (bytes.length == 0) {
      return 0;
    }
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
    return bytes.length;
  }

  /**
   * The text as sent: valid UTF-8 whatever it holds ({@link PrintableText}), with CRLF line ends,
   * cut at the cap on a character boundary.
   */
  private byte[] wire(String text) {
    byte[] bytes = plainWire(text);
    if (bytes == null) {
      String wire =
          PrintableText.strip(text)
              .replace("\r\n", "\n")
              .replace('\r', '\n')
              .replace("\n", FingerProtocol.CRLF);
      bytes = wire.getBytes(UTF_8);
    }
    if (bytes.length > config.maxReplyBytes()) {
      int end = config.maxReplyBytes();
      // Back to the start of the character the cap falls in: 10xxxxxx bytes continue one.
      while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
        end--;
      }
      byte[] note =
          (FingerProtocol.CRLF
                  + "[answer cut at "
                  + config.maxReplyBytes()
                  + " bytes]"
                  + FingerProtocol.CRLF)
              .getBytes(UTF_8);
      bytes = concat(Arrays.copyOf(bytes, end), note);
    }
    return bytes;
  }

  /**
   * The wire form of a text of printable ASCII, tabs and LF line ends only (most answers), which
   * {@link PrintableText} would leave as it is: each LF becomes CRLF. Null for any other text.
   */
  private static byte[] plainWire(String text) {
    int lines = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        lines++;
      } else if ((c < 0x20 && c != '\t') || c > 0x7e) {
        return null;
      }
    }
    byte[] bytes = new byte[text.length() + lines];
    int at = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        bytes[at++] = '\r';
      }
      bytes[at++] = (byte) c;
    }
    return bytes;
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Reads and discards what the client is still sending, briefly, so that closing with unread input
   * does not reset the connection before the client has read our last line.
   */
  private static void drain(Socket socket, int millis) {
    InputDrain.discard(socket, Duration.ofMillis(millis), DRAIN_BYTES);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
