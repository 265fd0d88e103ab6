package org.netlab.rpc.server.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 request written byte for byte over TLS, so that a test can send request targets no
 * client library would (with {@code ..} or {@code %2e%2e} left as they are), and its answer read
 * whole once the server closes.
 */
final class RawHttpsRequest {
  private static final int TIMEOUT_MILLIS = 10_000;

  /** The answer: its status code, its headers (names in lower case) and its body. */
  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttpsRequest() {}

  /** Sends {@code method target} to the server at {@code base} and reads the answer. */
  static Answer send(SSLContext tls, URI base, String method, String target) throws IOException {
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(
          (method
                  + " "
                  + target
                  + " HTTP/1.1\r\nHost: "
                  + base.getHost()
                  + ":"
                  + base.getPort()
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return parse(readAll(socket.getInputStream()));
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toString(StandardCharsets.UTF_8);
  }

  private static Answer parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("no complete answer: " + raw);
    }
    String[] lines = raw.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    return new Answer(status, headers, raw.substring(end + 4));
  }
}
