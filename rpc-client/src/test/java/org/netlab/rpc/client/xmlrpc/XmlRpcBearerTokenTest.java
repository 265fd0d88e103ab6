package org.netlab.rpc.client.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.Calculator;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.client.TransportException;

/**
 * What an HTTP server on loopback receives in the {@code Authorization} header of each XML-RPC
 * request, with and without a token, and what the client makes of the server's refusals.
 */
@Timeout(30)
class XmlRpcBearerTokenTest {
  private static final String TOKEN = "nlt_Zr4Tq9Wm2Xc7Vb1Np5Lk8Jh3Gf6Ds0Aa9Qw2Er4Ty7U";
  private static final String SUM =
      "<?xml version=\"1.0\"?><methodResponse><params><param><value><double>3</double></value>"
          + "</param></params></methodResponse>";

  @TempDir Path directory;
  private final List<HttpServer> peers = new ArrayList<>();

  /** The Authorization header of each request, in order; "(none)" for a request without. */
  private final List<String> received = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopPeers() {
    peers.forEach(peer -> peer.stop(0));
  }

  @Test
  void everyRequestCarriesTheBearerToken() throws IOException {
    String url = peer(exchange -> answer(exchange, 200, SUM));
    try (RpcConnection connection = XmlRpcTransport.open(settings(url).withToken(TOKEN))) {
      Calculator calculator = connection.calculator();
      assertEquals(3, calculator.add(1, 2));
      assertEquals(3, calculator.add(1, 2));
    }
    assertEquals(List.of("Bearer " + TOKEN, "Bearer " + TOKEN), received);
  }

  @Test
  void withoutATokenNoAuthorizationIsSent() throws IOException {
    String url = peer(exchange -> answer(exchange, 200, SUM));
    try (RpcConnection connection = XmlRpcTransport.open(settings(url))) {
      assertEquals(3, connection.calculator().add(1, 2));
    }
    assertEquals(List.of("(none)"), received);
  }

  @Test
  void httpStatus401IsAnUnauthenticatedRefusalNotAProtocolError() throws IOException {
    String url =
        peer(
            exchange -> {
              exchange
                  .getResponseHeaders()
                  .set("WWW-Authenticate", "Bearer realm=\"netlab\", Basic realm=\"netlab\"");
              answer(exchange, 401, "malformed authorization header");
            });
    try (RpcConnection connection = XmlRpcTransport.open(settings(url).withToken(TOKEN))) {
      Calculator calculator = connection.calculator();
      ServiceException refusal = assertThrows(ServiceException.class, () -> calculator.add(1, 2));
      assertEquals(ErrorCode.UNAUTHENTICATED, refusal.code());
      assertTrue(refusal.getMessage().contains("HTTP status 401"), refusal.getMessage());
      assertFalse(refusal.getMessage().contains(TOKEN), refusal.getMessage());
    }
    assertEquals(List.of("Bearer " + TOKEN), received);
  }

  @Test
  void aFaultThatEchoesTheTokenIsRefusedWithTheTokenHidden() throws IOException {
    String url =
        peer(
            exchange -> {
              String header = exchange.getRequestHeaders().getFirst("Authorization");
              answer(
                  exchange,
                  200,
                  "<?xml version=\"1.0\"?><methodResponse><fault><value><struct><member>"
                      + "<name>faultCode</name><value><int>401</int></value></member><member>"
                      + "<name>faultString</name><value><string>unknown token in "
                      + header
                      + "</string></value></member></struct></value></fault></methodResponse>");
            });
    try (RpcConnection connection = XmlRpcTransport.open(settings(url).withToken(TOKEN))) {
      Calculator calculator = connection.calculator();
      ServiceException refusal = assertThrows(ServiceException.class, () -> calculator.add(1, 2));
      assertEquals(ErrorCode.UNAUTHENTICATED, refusal.code());
      assertEquals("unknown token in Bearer (hidden)", refusal.getMessage());
    }
  }

  @Test
  void aRedirectIsNotFollowedSoTheTokenReachesNoOtherServer() throws IOException {
    String elsewhere = peer(exchange -> answer(exchange, 200, SUM));
    String redirecting =
        peer(
            exchange -> {
              exchange.getResponseHeaders().set("Location", elsewhere);
              answer(exchange, 307, "");
            });
    try (RpcConnection connection = XmlRpcTransport.open(settings(redirecting).withToken(TOKEN))) {
      Calculator calculator = connection.calculator();
      TransportException error = assertThrows(TransportException.class, () -> calculator.add(1, 2));
      assertEquals(TransportException.Kind.PROTOCOL, error.kind());
    }
    assertEquals(List.of("Bearer " + TOKEN), received, "only the redirecting server was called");
  }

  private ClientSettings settings(String url) {
    return ClientSettings.forUrl(url).withCaFile(directory.resolve("unused-ca.pem"));
  }

  /** What a peer does with a request once its Authorization header is recorded. */
  @FunctionalInterface
  private interface Answer {
    void handle(HttpExchange exchange) throws IOException;
  }

  /** A plain-HTTP peer on 127.0.0.1 that records each request's Authorization header. */
  private String peer(Answer answer) throws IOException {
    HttpServer peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    peer.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          String authorization = exchange.getRequestHeaders().getFirst("Authorization");
          received.add(authorization == null ? "(none)" : authorization);
          answer.handle(exchange);
        });
    peer.start();
    peers.add(peer);
    return "http://127.0.0.1:" + peer.getAddress().getPort() + "/RPC2";
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
