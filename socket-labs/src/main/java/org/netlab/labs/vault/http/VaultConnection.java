package org.netlab.labs.vault.http;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.netlab.cli.Durations;
import org.netlab.cli.SocketAddresses;
import org.netlab.labs.net.DeadlineInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one connection: the TLS handshake when there is TLS, then request after request in the
 * order they come (pipelined ones included), until the client closes, asks to close, stays idle too
 * long, or sends something the server refuses. A client refused by an allow-list gets 403 to its
 * first request and the connection closes.
 */
final class VaultConnection {
  private static final Logger log = LoggerFactory.getLogger(VaultConnection.class);

  /** A body the server reads and drops to keep the connection after a 405; larger is 413. */
  static final long MAX_DISCARDED_BODY_BYTES = 64 * 1024;

  /** After an error that closes: how long and how much is read from a client still sending. */
  private static final Duration LINGER = Duration.ofSeconds(1);

  private static final int LINGER_BYTES = 1024 * 1024;
  private static final int INPUT_BUFFER_BYTES = 16 * 1024;
  private static final String ALLOW = "GET, HEAD";

  private final VaultServer.Settings settings;
  private final VaultResponder responder;
  private final Clock clock;
  private final Socket raw;
  private final ConnectionWatch watch;
  private final InetAddress client;
  private Socket socket;
  private String user;
  private boolean allowed;
  private DeadlineInputStream timed;
  private InputStream in;
  private ResponseWriter writer;

  VaultConnection(
      VaultServer.Settings settings,
      VaultResponder responder,
      Clock clock,
      Socket raw,
      ConnectionWatch watch) {
    this.settings = settings;
    this.responder = responder;
    this.clock = clock;
    this.raw = raw;
    this.watch = watch;
    this.client = raw.getInetAddress();
  }

  /** Serves requests until the connection ends. */
  void serve() throws IOException {
    if (!open(settings.headTimeout())) {
      return;
    }
    allowed = settings.allows(client);
    if (allowed && settings.tls() != null && settings.tls().mutual()) {
      allowed = settings.tls().clients().allows(peerCertificate());
    }
    RequestHeadReader reader = new RequestHeadReader(in);
    boolean first = true;
    timed.deadlineIn(settings.headTimeout());
    while (true) {
      RequestHead head;
      boolean firstRequest = first;
      try {
        head = reader.read(() -> startHeadClock(firstRequest));
      } catch (SocketTimeoutException e) {
        if (first || reader.started()) {
          answer(
              null,
              Response.error(
                  HttpStatus.REQUEST_TIMEOUT,
                  "The request did not come whole within "
                      + Durations.text(settings.headTimeout())
                      + ".",
                  true),
              true);
          linger();
        }
        return;
      } catch (EOFException e) {
        return;
      } catch (RequestHeadException e) {
        answer(null, Response.error(e.status(), e.getMessage(), true), true);
        linger();
        return;
      }
      if (head == null) {
        return;
      }
      timed.clearDeadline();
      first = false;
      Response response = decide(head);
      if (head.minorVersion() == 0 && !response.close()) {
        // An HTTP/1.0 client keeps the connection only when told it is kept.
        response = response.withField(new RequestHead.Field("Connection", "keep-alive"));
      }
      answer(head, response, !head.method().equals("HEAD"));
      if (response.close()) {
        if (response.status().code() >= 400) {
          linger();
        }
        return;
      }
    }
  }

  /** Answers 503 (the server is at its cap) and closes. */
  void refuseBusy() throws IOException {
    Duration budget = shortest(settings.headTimeout(), Duration.ofSeconds(2));
    if (!open(budget)) {
      return;
    }
    answer(
        null,
        Response.error(
            HttpStatus.SERVICE_UNAVAILABLE,
            "Too many connections; try again later.",
            true,
            new RequestHead.Field("Retry-After", "1")),
        true);
    lingerFor(Duration.ofMillis(250));
  }

  /** Sets up the streams, with the TLS handshake first when there is TLS; false if it failed. */
  private boolean open(Duration handshakeBudget) throws IOException {
    raw.setTcpNoDelay(true);
    socket = raw;
    VaultServer.Tls tls = settings.tls();
    if (tls != null) {
      SSLSocket ssl = (SSLSocket) tls.context().getSocketFactory().createSocket(raw, null, true);
      SSLParameters parameters = ssl.getSSLParameters();
      parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      parameters.setApplicationProtocols(new String[] {"http/1.1"});
      parameters.setNeedClientAuth(tls.mutual());
      ssl.setSSLParameters(parameters);
      ssl.setSoTimeout(Math.toIntExact(handshakeBudget.toMillis()));
      watch.dueWithin(handshakeBudget);
      try {
        ssl.startHandshake();
      } catch (SSLException | SocketTimeoutException e) {
        log.debug(
            "vault: TLS handshake with {} failed: {}",
            SocketAddresses.text(raw.getRemoteSocketAddress()),
            e.getMessage());
        return false;
      } finally {
        watch.idle();
      }
      socket = ssl;
      if (tls.mutual()) {
        user = ClientCertificates.commonName(peerCertificate());
      }
    }
    socket.setSoTimeout(Math.toIntExact(settings.idleTimeout().toMillis()));
    timed = new DeadlineInputStream(socket);
    in = new BufferedInputStream(timed, INPUT_BUFFER_BYTES);
    writer = new ResponseWriter(socket, tls == null, watch, clock);
    return true;
  }

  private X509Certificate peerCertificate() throws IOException {
    Certificate[] chain = ((SSLSocket) socket).getSession().getPeerCertificates();
    return (X509Certificate) chain[0];
  }

  /** A kept-alive connection's next request is timed from its first byte. */
  private void startHeadClock(boolean firstRequest) {
    if (!firstRequest) {
      timed.deadlineIn(settings.headTimeout());
    }
  }

  /** What to answer to a head that was read whole and well framed. */
  private Response decide(RequestHead head) throws IOException {
    boolean close = !head.keepAlive();
    if (!allowed) {
      return Response.error(
          HttpStatus.FORBIDDEN,
          settings.tls() != null && settings.tls().mutual()
              ? "This client certificate is not allowed here."
              : "This client address is not allowed here.",
          true);
    }
    String method = head.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return notAllowed(head, close);
    }
    RequestTarget target;
    try {
      target = RequestTarget.parse(head.target());
    } catch (RequestHeadException e) {
      return Response.error(e.status(), e.getMessage(), close);
    }
    try {
      return responder.respond(head, target);
    } catch (IOException e) {
      log.warn("vault: cannot serve {}: {}", target.path(), e.toString());
      return Response.error(HttpStatus.INTERNAL_SERVER_ERROR, "The file could not be read.", true);
    }
  }

  /** 405 for a method other than GET and HEAD, after dropping a small body to keep going. */
  private Response notAllowed(RequestHead head, boolean close) throws IOException {
    RequestHead.Field allow = new RequestHead.Field("Allow", ALLOW);
    String detail = head.method() + " is not served here; only GET and HEAD are.";
    if (head.value("Transfer-Encoding") != null || head.value("Expect") != null) {
      // A chunked body is not worth parsing only to refuse it, and a client that expects
      // 100-continue is waiting to be told whether to send its body: it is told no at once.
      return Response.error(HttpStatus.METHOD_NOT_ALLOWED, detail, true, allow);
    }
    long length;
    try {
      length = RequestHeadReader.contentLength(head);
    } catch (RequestHeadException e) {
      return Response.error(e.status(), e.getMessage(), true);
    }
    if (length > MAX_DISCARDED_BODY_BYTES) {
      return Response.error(
          HttpStatus.CONTENT_TOO_LARGE,
          "A body of more than " + MAX_DISCARDED_BODY_BYTES + " bytes is not read.",
          true,
          allow);
    }
    timed.deadlineIn(settings.headTimeout());
    try {
      long left = length;
      while (left > 0) {
        long skipped = in.skip(left);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new EOFException("the connection ended within a request body");
          }
          skipped = 1;
        }
        left -= skipped;
      }
    } finally {
      timed.clearDeadline();
    }
    return Response.error(HttpStatus.METHOD_NOT_ALLOWED, detail, close, allow);
  }

  private void answer(RequestHead head, Response response, boolean withBody) throws IOException {
    long sent = 0;
    try {
      sent = writer.write(response, withBody);
    } finally {
      settings
          .accessLog()
          .record(
              client,
              user,
              Instant.now(clock),
              head == null ? null : head.requestLine(),
              response.status(),
              sent);
    }
  }

  private void linger() {
    lingerFor(LINGER);
  }

  /**
   * Ends the output, then reads and drops what the client still sends for a bounded time, so that
   * closing with unread input does not reset the connection before the client has read the answer.
   */
  private void lingerFor(Duration bound) {
    try {
      socket.shutdownOutput();
    } catch (IOException | UnsupportedOperationException e) {
      // TLS 1.2 cannot half-close; the read below ends when the client closes or the bound passes.
    }
    try {
      timed.deadlineIn(bound);
      byte[] sink = new byte[8192];
      int total = 0;
      for (int n = in.read(sink); n >= 0 && total < LINGER_BYTES; n = in.read(sink)) {
        total += n;
      }
    } catch (IOException | RuntimeException e) {
      // Timed out, reset or closed: the connection is over either way.
    }
  }

  private static Duration shortest(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
