package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.netlab.labs.ftp.DataAddress;

/**
 * An FTP control connection driven one command at a time, for tests that put a third party between
 * two commands (a client library would send PASV and RETR together).
 */
final class ScriptedFtpSession implements AutoCloseable {
  /** A reply: its code and its last line. */
  record Reply(int code, String text) {}

  private final int port;
  private SSLContext tls;
  private Socket socket;
  private BufferedReader in;
  private OutputStream out;

  private ScriptedFtpSession(Socket socket, int port) throws IOException {
    this.port = port;
    use(socket);
  }

  /** Connects to our server on 127.0.0.1 and logs in as anonymous. */
  static ScriptedFtpSession login(int port) throws IOException {
    ScriptedFtpSession session = new ScriptedFtpSession(new Socket("127.0.0.1", port), port);
    session.expect(220, session.reply());
    session.expect(331, session.command("USER anonymous"));
    session.expect(230, session.command("PASS x"));
    return session;
  }

  /**
   * Connects, starts TLS trusting {@code tls}, logs in as anonymous and asks for protected data
   * connections (AUTH TLS, PBSZ 0, PROT P), as our client does.
   */
  static ScriptedFtpSession loginOverTls(int port, SSLContext tls) throws IOException {
    ScriptedFtpSession session = new ScriptedFtpSession(new Socket("127.0.0.1", port), port);
    session.expect(220, session.reply());
    session.expect(234, session.command("AUTH TLS"));
    SSLSocket secure =
        (SSLSocket) tls.getSocketFactory().createSocket(session.socket, "localhost", port, true);
    SSLParameters parameters = secure.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    secure.setSSLParameters(parameters);
    secure.startHandshake();
    session.use(secure);
    session.tls = tls;
    session.expect(331, session.command("USER anonymous"));
    session.expect(230, session.command("PASS x"));
    session.expect(200, session.command("PBSZ 0"));
    session.expect(200, session.command("PROT P"));
    return session;
  }

  /** The context that holds the control connection's TLS session; null before TLS. */
  SSLContext tls() {
    return tls;
  }

  /** The control connection's host and port, under which a TLS client caches its session. */
  InetSocketAddress tlsSessionHost() {
    return new InetSocketAddress("localhost", port);
  }

  /** EPSV; returns the server's passive address. */
  InetSocketAddress epsv() throws IOException {
    Reply reply = expect(229, command("EPSV"));
    return new InetSocketAddress("127.0.0.1", DataAddress.parseEpsvReply(reply.text()));
  }

  Reply command(String line) throws IOException {
    out.write((line + "\r\n").getBytes(UTF_8));
    out.flush();
    return reply();
  }

  /** Reads one reply, skipping the lines of a multi-line one. */
  Reply reply() throws IOException {
    String line = in.readLine();
    if (line == null) {
      throw new IOException("control connection closed");
    }
    if (line.length() > 3 && line.charAt(3) == '-') {
      String end = line.substring(0, 3) + " ";
      while (!(line = in.readLine()).startsWith(end)) {
        // Inside a multi-line reply.
      }
    }
    return new Reply(Integer.parseInt(line.substring(0, 3)), line);
  }

  Reply expect(int code, Reply reply) {
    if (reply.code() != code) {
      throw new AssertionError("expected " + code + ", got " + reply.text());
    }
    return reply;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private void use(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(20_000);
    this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
    this.out = socket.getOutputStream();
  }
}
