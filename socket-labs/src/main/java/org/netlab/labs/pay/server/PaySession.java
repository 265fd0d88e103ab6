package org.netlab.labs.pay.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.netlab.labs.net.ConnectionHandler;
import org.netlab.labs.net.LineReader;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import org.netlab.labs.pay.PayStatus;
import org.netlab.labs.pay.PayTls;
import org.netlab.labs.pay.PeerCertificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the central server: the TLS 1.3 handshake (a client certificate is asked for,
 * not required, so that a new user can REGISTER), the greeting, then request lines read here and
 * run by the worker pool, one reply each, until LOGOUT, QUIT, an idle timeout or an unreadable
 * line.
 */
final class PaySession implements ConnectionHandler {
  private static final Logger log = LoggerFactory.getLogger(PaySession.class);

  private final SSLContext tls;
  private final Duration handshakeTimeout;
  private final Duration lineTimeout;
  private final PayCommands commands;
  private final WorkerPool workers;
  private final Presence presence;

  PaySession(
      SSLContext tls,
      Duration handshakeTimeout,
      Duration lineTimeout,
      PayCommands commands,
      WorkerPool workers,
      Presence presence) {
    this.tls = tls;
    this.handshakeTimeout = handshakeTimeout;
    this.lineTimeout = lineTimeout;
    this.commands = commands;
    this.workers = workers;
    this.presence = presence;
  }

  @Override
  public void handle(Socket raw) throws IOException {
    int idleMillis = raw.getSoTimeout();
    Optional<SSLSocket> handshaken =
        PayTls.accept(tls, raw, PayTls.ClientCertificate.WANTED, handshakeTimeout);
    if (handshaken.isEmpty()) {
      return;
    }
    SSLSocket socket = handshaken.get();
    // Closing the TLS socket, not only the raw one under it, sends close_notify: the client
    // then knows the connection ended here rather than being cut.
    try (socket) {
      socket.setSoTimeout(idleMillis);
      Caller caller =
          new Caller(
              raw.getInetAddress().getHostAddress(),
              PeerCertificates.of(socket.getSession()).orElse(null));
      OutputStream out = socket.getOutputStream();
      PayTls.send(out, PayReply.of(PayStatus.READY, "netlab-pay central server"));
      LineReader lines = LineReader.forSocket(socket, PayProtocol.MAX_LINE_BYTES, lineTimeout);
      try {
        serve(lines, out, caller);
      } finally {
        caller.user().ifPresent(name -> presence.logout(name, caller));
      }
    }
  }

  private void serve(LineReader lines, OutputStream out, Caller caller) throws IOException {
    while (true) {
      byte[] line;
      try {
        line = lines.readLine();
      } catch (LineReader.LineTooLongException e) {
        PayTls.send(out, PayReply.of(PayStatus.SYNTAX, e.getMessage() + "; closing"));
        return;
      } catch (SocketTimeoutException e) {
        PayTls.send(out, PayReply.of(PayStatus.TIMEOUT, "idle too long; closing"));
        return;
      } catch (LineReader.LineTimeoutException e) {
        PayTls.send(out, PayReply.of(PayStatus.TIMEOUT, e.getMessage() + "; closing"));
        return;
      }
      if (line == null) {
        return;
      }
      PayCommands.Request request;
      try {
        request = parse(line);
      } catch (CharacterCodingException e) {
        PayTls.send(out, PayReply.of(PayStatus.SYNTAX, "a request is UTF-8 text"));
        continue;
      }
      if (request.command().isEmpty()) {
        PayTls.send(out, PayReply.of(PayStatus.SYNTAX, "empty line: send a command"));
        continue;
      }
      if (request.command().equals(PayProtocol.QUIT)) {
        PayTls.send(out, PayReply.of(PayStatus.BYE, "bye"));
        return;
      }
      PayReply reply;
      try {
        reply = workers.run(() -> commands.execute(request, caller));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("pay-server: {} failed", request.command(), e);
        reply = PayReply.of(PayStatus.INTERNAL, "the server failed; nothing was changed by halves");
      }
      PayTls.send(out, reply);
      if (reply.status() == PayStatus.BYE) {
        return;
      }
    }
  }

  /** The command in upper case and the rest of the line, split at the first space. */
  static PayCommands.Request parse(byte[] line) throws CharacterCodingException {
    String text =
        UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(line))
            .toString();
    int space = text.indexOf(' ');
    String command = space < 0 ? text : text.substring(0, space);
    String arguments = space < 0 ? "" : text.substring(space + 1);
    return new PayCommands.Request(command.toUpperCase(Locale.ROOT), arguments);
  }

  /** At the connection cap: the greeting's place takes a BUSY reply, over TLS so it is readable. */
  @Override
  public void refuse(Socket raw) throws IOException {
    Optional<SSLSocket> handshaken =
        PayTls.accept(tls, raw, PayTls.ClientCertificate.WANTED, handshakeTimeout);
    if (handshaken.isPresent()) {
      try (SSLSocket socket = handshaken.get()) {
        PayTls.send(
            socket.getOutputStream(),
            PayReply.of(PayStatus.BUSY, "too many connections: try again"));
      }
    }
  }
}
