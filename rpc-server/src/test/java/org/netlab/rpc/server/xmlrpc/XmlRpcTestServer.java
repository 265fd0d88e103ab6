package org.netlab.rpc.server.xmlrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.phonebook.store.JdbcStore;
import org.netlab.rpc.server.access.TestAccess;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.SslContexts;

/**
 * A real endpoint on 127.0.0.1, port 0, with TLS from a fresh local CA and a real SQLite phonebook,
 * plus the ways tests talk to it: our clients, raw HTTP, raw TLS sockets.
 */
public final class XmlRpcTestServer implements AutoCloseable {
  private final JdbcStore store;
  public final XmlRpcEndpoint endpoint;
  public final Path caFile;
  public final SSLContext clientTls;
  private final HttpClient http;

  private XmlRpcTestServer(Path directory, XmlRpcLimits limits) throws IOException {
    LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(directory.resolve("tls"));
    caFile = ca.certificateFile();
    clientTls = SslContexts.forClient(caFile, null, null);
    store = JdbcStore.openEmbedded(directory.resolve("data"));
    endpoint =
        new XmlRpcEndpoint(
            new InetSocketAddress("127.0.0.1", 0),
            ca.serverFiles(),
            new FiniteCalculator(),
            store.phonebook(),
            TestAccess.unchecked(),
            limits);
    endpoint.start();
    http =
        HttpClient.newBuilder()
            .sslContext(clientTls)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public static XmlRpcTestServer start(Path directory) throws IOException {
    return new XmlRpcTestServer(directory, XmlRpcLimits.defaults());
  }

  public static XmlRpcTestServer start(Path directory, XmlRpcLimits limits) throws IOException {
    return new XmlRpcTestServer(directory, limits);
  }

  /** POSTs a body to /RPC2 as any HTTP client would, Content-Length included. */
  public HttpResponse<String> post(String body) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(endpoint.uri())
            .header("Content-Type", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Sends raw bytes over a TLS socket and answers the status line; for requests no well-behaved
   * HTTP client would send.
   */
  public String rawStatusLine(String head, byte[] body) throws IOException {
    try (SSLSocket socket =
        (SSLSocket) clientTls.getSocketFactory().createSocket("127.0.0.1", endpoint.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString();
    }
  }

  @Override
  public void close() {
    endpoint.close();
    store.close();
  }
}
