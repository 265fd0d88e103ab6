package org.netlab.labs.pay.peer;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.netlab.labs.net.LineReader;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import org.netlab.labs.pay.PayStatus;

/**
 * One line-protocol connection of the lab over TLS 1.3, to the central server or to a peer: sends a
 * request line, reads its reply. Thread-safe: a logged-in peer's heartbeat and its commands share
 * one connection, one request at a time.
 */
public final class PayClient implements AutoCloseable {
  private static final Pattern LAST = Pattern.compile("([0-9]{3}) ([A-Z_]+)(?: (.*))?");
  private static final Pattern MORE = Pattern.compile("([0-9]{3})-(.*)");

  private final SSLSocket socket;
  private final LineReader in;
  private final OutputStream out;
  private final PayReply greeting;

  private PayClient(SSLSocket socket) throws IOException {
    this.socket = socket;
    InputStream input = socket.getInputStream();
    this.in = new LineReader(input, PayProtocol.MAX_LINE_BYTES);
    this.out = socket.getOutputStream();
    this.greeting = read();
  }

  /**
   * Connects to the central server, checking its certificate against the CA and its name against
   * {@code server}'s host, and reads the greeting.
   *
   * @param timeout for the connection and for each reply
   */
  public static PayClient connect(InetSocketAddress server, SSLContext tls, Duration timeout)
      throws IOException {
    SSLSocket socket = open(server, tls, timeout, true);
    return new PayClient(socket);
  }

  /**
   * Connects to a peer's own server; its certificate is checked against the CA only, the caller
   * checks whose it is ({@link #peerCertificate}).
   */
  public static PayClient connectToPeer(InetSocketAddress peer, SSLContext tls, Duration timeout)
      throws IOException {
    return new PayClient(open(peer, tls, timeout, false));
  }

  private static SSLSocket open(
      InetSocketAddress address, SSLContext tls, Duration timeout, boolean checkName)
      throws IOException {
    Socket raw = new Socket();
    try {
      raw.connect(address, Math.toIntExact(timeout.toMillis()));
      raw.setTcpNoDelay(true);
      raw.setSoTimeout(Math.toIntExact(timeout.toMillis()));
      SSLSocket socket =
          (SSLSocket)
              tls.getSocketFactory()
                  .createSocket(raw, address.getHostString(), address.getPort(), true);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setProtocols(new String[] {"TLSv1.3"});
      if (checkName) {
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
      }
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return socket;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** The reply the other end greeted with. */
  public PayReply greeting() {
    return greeting;
  }

  /** The certificate the other end presented. */
  public java.security.cert.X509Certificate peerCertificate() throws IOException {
    return (java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0];
  }

  /** Changes how long a reply may take from now on. */
  public synchronized void replyTimeout(Duration timeout) throws IOException {
    socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
  }

  /**
   * Sends one request line and reads its reply.
   *
   * @throws IOException when the connection fails or the reply is not one of the lab's
   */
  public synchronized PayReply call(String request) throws IOException {
    if (request.indexOf('\r') >= 0 || request.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a request is one line");
    }
    out.write((request + PayProtocol.CRLF).getBytes(UTF_8));
    out.flush();
    return read();
  }

  private PayReply read() throws IOException {
    List<String> lines = new ArrayList<>();
    while (true) {
      byte[] bytes = in.readLine();
      if (bytes == null) {
        throw new IOException("the connection closed before a reply");
      }
      String line = new String(bytes, UTF_8);
      Matcher more = MORE.matcher(line);
      if (more.matches()) {
        lines.add(more.group(2));
        continue;
      }
      Matcher last = LAST.matcher(line);
      if (!last.matches()) {
        throw new IOException("not a reply line: " + abbreviate(line));
      }
      PayStatus status =
          PayStatus.of(Integer.parseInt(last.group(1)), last.group(2))
              .orElseThrow(() -> new IOException("unknown reply: " + abbreviate(line)));
      return new PayReply(status, last.group(3) == null ? "" : last.group(3), lines);
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 80) + "...";
  }

  /** Says QUIT when the connection still works, then closes it. */
  @Override
  public synchronized void close() throws IOException {
    if (socket.isClosed()) {
      return;
    }
    try {
      socket.setSoTimeout(1000);
      out.write((PayProtocol.QUIT + PayProtocol.CRLF).getBytes(UTF_8));
      out.flush();
    } catch (IOException e) {
      // Closing anyway.
    } finally {
      socket.close();
    }
  }
}
