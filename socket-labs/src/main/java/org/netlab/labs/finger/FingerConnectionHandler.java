package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
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
    SocketAddress client = socket.getRemoteSocketAddress();
    byte[] line = null;
    FingerService.Reply reply;
    boolean unreadInput = false;
    try {
      // The whole query is due within the idle budget of connecting, however it trickles in.
      line =
          LineReader.forSocket(socket, FingerProtocol.MAX_QUERY_BYTES, config.idleTimeout())
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
    FingerQuery query;
    try {
      query = FingerQuery.parse(line);
    } catch (InvalidQueryException e) {
      return new FingerService.Reply(Outcome.INVALID_QUERY, "finger: " + e.getMessage() + "\n");
    }
    if (query.isForwarding()) {
      return forward(query);
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

  /**
   * Writes the text as valid UTF-8 whatever it holds ({@link PrintableText}), with CRLF line ends,
   * cut at the cap on a character boundary; returns the bytes sent.
   */
  private long send(Socket socket, String text) throws IOException {
    if (text.isEmpty()) {
      return 0;
    }
    String wire =
        PrintableText.strip(text)
            .replace("\r\n", "\n")
            .replace('\r', '\n')
            .replace("\n", FingerProtocol.CRLF);
    byte[] bytes = wire.getBytes(UTF_8);
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
    OutputStream out = socket.getOutputStream();
    out.write(bytes);
    out.flush();
    return bytes.length;
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
