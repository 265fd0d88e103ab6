package org.netlab.rpc.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Finds out what a port speaks, after a call there got no usable answer: TLS or not, HTTP/2 (gRPC)
 * or HTTP/1.1 (XML-RPC), and the HTTP status of a path. It looks at what comes back and nothing
 * else: the ALPN protocol the server picks, whether its first bytes are a TLS record, an HTTP/1.1
 * status line or an HTTP/2 SETTINGS frame.
 *
 * <p>The TLS look accepts any certificate, because it asks only which protocol the server picks:
 * the one request it may send is an empty POST to the path, which carries nothing of the person's.
 * Trust is checked by the real call, never here.
 */
final class PortProbe {
  /** What the port answered in. */
  enum Speaks {
    /** Nothing listens, or the host is unknown: the usual advice is right. */
    NOTHING,
    /** HTTP/2, the transport of gRPC. */
    HTTP2,
    /** HTTP/1.1, the transport of XML-RPC. */
    HTTP1,
    /** Something else, or nothing in time. */
    UNKNOWN
  }

  /**
   * What the probe found.
   *
   * @param speaks the protocol of the port
   * @param tls whether it spoke TLS
   * @param httpStatus the status an HTTP/1.1 server gave the path, or -1
   */
  record Finding(Speaks speaks, boolean tls, int httpStatus) {}

  private static final int HTTP2_FRAME_HEADER = 9;
  private static final int SETTINGS_FRAME = 0x04;
  private static final int GOAWAY_FRAME = 0x07;
  private static final int MAX_ANSWER = 256;

  private PortProbe() {}

  /** Looks at {@code host:port} for at most about {@code limit} per connection (two at most). */
  static Finding probe(String host, int port, String path, Duration limit) {
    int millis = (int) Math.max(100, Math.min(limit.toMillis(), 3000));
    try {
      return overTls(host, port, path, millis);
    } catch (ConnectException | NoRouteToHostException | UnknownHostException e) {
      return new Finding(Speaks.NOTHING, false, -1);
    } catch (SSLException e) {
      if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("alert")) {
        // A TLS server that refused us (a client certificate, say): nothing to correct here.
        return new Finding(Speaks.UNKNOWN, true, -1);
      }
      // Not a TLS record came back, or the server hung up on our hello: try without TLS.
    } catch (IOException e) {
      return new Finding(Speaks.UNKNOWN, false, -1);
    }
    try {
      return inClear(host, port, path, millis);
    } catch (IOException e) {
      return new Finding(Speaks.UNKNOWN, false, -1);
    }
  }

  private static Finding overTls(String host, int port, String path, int millis)
      throws IOException {
    try (Socket raw = connect(host, port, millis);
        SSLSocket tls =
            (SSLSocket) anyCertificate().getSocketFactory().createSocket(raw, host, port, true)) {
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
      tls.setSSLParameters(parameters);
      tls.startHandshake();
      if ("h2".equals(tls.getApplicationProtocol())) {
        return new Finding(Speaks.HTTP2, true, -1);
      }
      return classify(exchange(tls, host, port, path), true);
    }
  }

  private static Finding inClear(String host, int port, String path, int millis)
      throws IOException {
    try (Socket socket = connect(host, port, millis)) {
      return classify(exchange(socket, host, port, path), false);
    }
  }

  private static Socket connect(String host, int port, int millis) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Sends an empty POST to {@code path} and reads the first bytes of whatever comes back. */
  private static byte[] exchange(Socket socket, String host, int port, String path)
      throws IOException {
    OutputStream out = socket.getOutputStream();
    String request =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + ":"
            + port
            + "\r\nContent-Type: text/xml\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    try {
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      // An HTTP/2 server may already have said its SETTINGS and hung up; read them anyway.
    }
    InputStream in = socket.getInputStream();
    byte[] answer = new byte[MAX_ANSWER];
    int length = 0;
    try {
      int read;
      while (length < HTTP2_FRAME_HEADER + 8
          && (read = in.read(answer, length, answer.length - length)) != -1) {
        length += read;
      }
    } catch (IOException e) {
      if (length == 0) {
        throw e;
      }
    }
    return Arrays.copyOf(answer, length);
  }

  private static Finding classify(byte[] answer, boolean tls) {
    String text = new String(answer, StandardCharsets.ISO_8859_1);
    if (text.startsWith("HTTP/1.")) {
      return new Finding(Speaks.HTTP1, tls, status(text));
    }
    // RFC 9113 §3.4: a server's connection preface is a SETTINGS frame (type 0x4); one that
    // reads our HTTP/1.1 request first answers it with a GOAWAY frame (type 0x7).
    if (answer.length >= HTTP2_FRAME_HEADER
        && (answer[3] == SETTINGS_FRAME || answer[3] == GOAWAY_FRAME)) {
      return new Finding(Speaks.HTTP2, tls, -1);
    }
    return new Finding(Speaks.UNKNOWN, tls, -1);
  }

  private static int status(String text) {
    String[] words = text.split(" ", 3);
    if (words.length >= 2 && words[1].matches("\\d{3}")) {
      return Integer.parseInt(words[1]);
    }
    return -1;
  }

  private static SSLContext anyCertificate() throws IOException {
    X509TrustManager anyone =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {anyone}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("no TLS in this JVM: " + e.getMessage(), e);
    }
  }
}
