package org.netlab.labs.vault.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.net.DeadlineInputStream;
import org.netlab.labs.net.LineReader;

/**
 * GET over HTTP/1.1, written by hand on a socket, one connection per request ({@code Connection:
 * close}), TLS for {@code https://} with {@link ClientTls}. Redirects are not followed, except one
 * {@code 301} to the same scheme, host and port (a directory asked for without its slash, say):
 * every other redirect is handed back as it came.
 *
 * <p>The connect, and each read, wait at most the timeout; the status line and header fields must
 * come whole within it, however slowly their bytes trickle in.
 */
public final class VaultHttpClient {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final ClientTls tls;
  private final Duration timeout;
  private SSLContext context;

  /**
   * @param tls what https:// trusts, read at the first https:// request
   */
  public VaultHttpClient(ClientTls tls, Duration timeout) {
    this.tls = Objects.requireNonNull(tls, "tls");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Sends {@code GET url} with {@code fields} added to the request, and reads the answer's head.
   * The caller reads the body and closes the response.
   */
  public Response get(VaultUrl url, List<HttpFields.Field> fields) throws IOException {
    Response response = exchange(url, fields);
    if (response.status() != 301) {
      return response;
    }
    String location = response.head().fields().first("Location").orElse(null);
    if (location == null) {
      return response;
    }
    VaultUrl next;
    try {
      next = url.resolve(location);
    } catch (IllegalArgumentException e) {
      return response;
    }
    if (!next.sameOrigin(url)) {
      return response;
    }
    response.close();
    return exchange(next, fields);
  }

  private Response exchange(VaultUrl url, List<HttpFields.Field> fields) throws IOException {
    Socket socket = connect(url);
    try {
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 4096);
      out.write(request(url, fields).getBytes(ISO_8859_1));
      out.flush();
      DeadlineInputStream timed = DeadlineInputStream.within(socket, timeout);
      InputStream in = new BufferedInputStream(timed, BUFFER_BYTES);
      ResponseHead head = ResponseParser.readHead(in);
      timed.clearDeadline();
      return new Response(url, head, ResponseParser.body(head, in), socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  static String request(VaultUrl url, List<HttpFields.Field> fields) {
    StringBuilder request = new StringBuilder();
    request.append("GET ").append(url.target()).append(" HTTP/1.1").append(LineReader.CRLF);
    field(request, "Host", url.hostField());
    field(request, "User-Agent", "netlab-vault/" + VersionProvider.projectVersion());
    field(request, "Accept", "*/*");
    field(request, "Connection", "close");
    for (HttpFields.Field extra : fields) {
      field(request, extra.name(), extra.value());
    }
    return request.append(LineReader.CRLF).toString();
  }

  private static void field(StringBuilder request, String name, String value) {
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalStateException("control character in the value of " + name);
    }
    request.append(name).append(": ").append(value).append(LineReader.CRLF);
  }

  private Socket connect(VaultUrl url) throws IOException {
    InetSocketAddress address = new InetSocketAddress(url.host(), url.port());
    if (address.isUnresolved()) {
      throw new UnknownHostException(url.host() + ": unknown host");
    }
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    Socket socket = new Socket();
    try {
      socket.connect(address, millis);
      socket.setSoTimeout(millis);
      socket.setTcpNoDelay(true);
      return url.tls() ? handshake(socket, url) : socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private SSLSocket handshake(Socket socket, VaultUrl url) throws IOException {
    if (context == null) {
      context = tls.context();
    }
    SSLSocket secure =
        (SSLSocket) context.getSocketFactory().createSocket(socket, url.host(), url.port(), true);
    secure.setUseClientMode(true);
    SSLParameters parameters = secure.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    secure.setSSLParameters(parameters);
    try {
      secure.startHandshake();
    } catch (SSLException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage();
      String hint =
          message.contains("PKIX") || message.contains("certificate")
              ? " (is its certificate issued by the CA in " + tls.ca() + "? --ca names another)"
              : message.contains("Unsupported or unrecognized SSL message")
                  ? " (is it an http:// server?)"
                  : "";
      throw new SSLException("TLS with " + url.hostField() + " failed: " + message + hint, e);
    }
    return secure;
  }
}
