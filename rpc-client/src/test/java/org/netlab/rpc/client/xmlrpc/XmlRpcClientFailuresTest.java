package org.netlab.rpc.client.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.client.TransportException;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.SslContexts;

/** What the XML-RPC client makes of servers that fail, lie or attack. */
@Timeout(30)
class XmlRpcClientFailuresTest {
  @TempDir Path directory;
  private HttpServer peer;

  @AfterEach
  void stopPeer() {
    if (peer != null) {
      peer.stop(0);
    }
  }

  /** Records whether Java serialization ever brought it to life. */
  static final class Tripwire implements Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean DESERIALIZED = new AtomicBoolean();

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      DESERIALIZED.set(true);
    }
  }

  @Test
  void faultCauseFromAHostileServerIsNotDeserialized() throws Exception {
    ByteArrayOutputStream serialized = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(serialized)) {
      out.writeObject(new Tripwire());
    }
    String cause = Base64.getEncoder().encodeToString(serialized.toByteArray());
    URI url =
        plainPeer(
            "<?xml version=\"1.0\"?><methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>404</int></value></member>"
                + "<member><name>faultString</name><value><string>no entry named 'Bob'</string>"
                + "</value></member><member><name>faultCause</name><value><base64>"
                + cause
                + "</base64></value></member></struct></value></fault></methodResponse>");
    try (RpcConnection connection = XmlRpcTransport.open(settings(url))) {
      Phonebook client = connection.phonebook();
      ServiceException error = assertThrows(ServiceException.class, () -> client.find("Bob"));
      assertEquals(ErrorCode.NOT_FOUND, error.code());
      assertEquals("no entry named 'Bob'", error.getMessage());
      assertNull(error.getCause());
    }
    assertFalse(Tripwire.DESERIALIZED.get(), "the faultCause was deserialized");
  }

  @Test
  void doctypeFromAHostileServerIsRefused() throws Exception {
    URI url =
        plainPeer(
            "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"aaaa\">]>"
                + "<methodResponse><params><param><value><double>1</double></value></param>"
                + "</params></methodResponse>");
    try (RpcConnection connection = XmlRpcTransport.open(settings(url))) {
      Calculator client = connection.calculator();
      TransportException error = assertThrows(TransportException.class, () -> client.add(1, 2));
      assertEquals(TransportException.Kind.PROTOCOL, error.kind());
    }
  }

  @Test
  void answerAnnouncedLargerThanTheLimitIsAProtocolError() throws Exception {
    assertRefusedAsTooLarge(peerAnswering(XmlRpcConnection.MAX_ANSWER_BYTES + 1L, 1));
  }

  @Test
  void chunkedAnswerLargerThanTheLimitIsAProtocolError() throws Exception {
    assertRefusedAsTooLarge(peerAnswering(0, XmlRpcConnection.MAX_ANSWER_BYTES / (1 << 20) + 1));
  }

  private void assertRefusedAsTooLarge(URI url) {
    try (RpcConnection connection = XmlRpcTransport.open(settings(url))) {
      Calculator client = connection.calculator();
      TransportException error = assertThrows(TransportException.class, () -> client.add(1, 2));
      assertEquals(TransportException.Kind.PROTOCOL, error.kind());
      assertTrue(error.getMessage().contains("larger than the limit"), error.getMessage());
    }
  }

  @Test
  void answerNestedDeeperThanTheLimitIsAProtocolError() throws Exception {
    int depth = XmlRpcConnection.MAX_NESTING_DEPTH + 1;
    String nested =
        "<value><array><data>".repeat(depth)
            + "<value><int>1</int></value>"
            + "</data></array></value>".repeat(depth);
    URI url =
        plainPeer(
            "<?xml version=\"1.0\"?><methodResponse><params><param>"
                + nested
                + "</param></params></methodResponse>");
    try (RpcConnection connection = XmlRpcTransport.open(settings(url))) {
      Phonebook client = connection.phonebook();
      TransportException error = assertThrows(TransportException.class, () -> client.list(""));
      assertEquals(TransportException.Kind.PROTOCOL, error.kind());
      assertTrue(error.getMessage().contains("nest deeper"), error.getMessage());
    }
  }

  @Test
  void unknownFaultCodeIsInternalWithTheServersWords() throws Exception {
    URI url =
        plainPeer(
            "<?xml version=\"1.0\"?><methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>7</int></value></member>"
                + "<member><name>faultString</name><value><string>odd</string></value></member>"
                + "</struct></value></fault></methodResponse>");
    try (RpcConnection connection = XmlRpcTransport.open(settings(url))) {
      Calculator client = connection.calculator();
      ServiceException error = assertThrows(ServiceException.class, () -> client.add(1, 2));
      assertEquals(ErrorCode.INTERNAL, error.code());
      assertTrue(error.getMessage().contains("fault 7"), error.getMessage());
    }
  }

  @Test
  void answerThatIsNotXmlRpcIsAProtocolError() throws Exception {
    URI url = plainPeer("<html>hello</html>");
    try (RpcConnection connection = XmlRpcTransport.open(settings(url))) {
      Calculator client = connection.calculator();
      TransportException error = assertThrows(TransportException.class, () -> client.add(1, 2));
      assertEquals(TransportException.Kind.PROTOCOL, error.kind());
    }
  }

  @Test
  void nobodyListeningIsUnreachable() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port + "/RPC2");
    try (RpcConnection connection = XmlRpcTransport.open(settings(url))) {
      Calculator client = connection.calculator();
      TransportException error = assertThrows(TransportException.class, () -> client.add(1, 2));
      assertEquals(TransportException.Kind.UNREACHABLE, error.kind());
      assertTrue(error.getMessage().contains("127.0.0.1:" + port), error.getMessage());
    }
  }

  @Test
  void serverThatNeverAnswersIsATimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/RPC2");
      ClientSettings quick = settings(url).withTimeout(Duration.ofMillis(300));
      // The kernel completes the connection from the backlog; nobody ever reads or answers.
      try (RpcConnection connection = XmlRpcTransport.open(quick)) {
        Calculator client = connection.calculator();
        TransportException error = assertThrows(TransportException.class, () -> client.add(1, 2));
        assertEquals(TransportException.Kind.TIMEOUT, error.kind());
      }
    }
  }

  @Test
  void serverOfAnotherCaIsUntrusted() throws Exception {
    LocalCertificateAuthority serverCa =
        LocalCertificateAuthority.loadOrCreate(directory.resolve("server-ca"));
    LocalCertificateAuthority otherCa =
        LocalCertificateAuthority.loadOrCreate(directory.resolve("other-ca"));
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(
        new HttpsConfigurator(SslContexts.forServer(serverCa.serverFiles())));
    https.createContext("/", exchange -> exchange.close());
    https.start();
    peer = https;
    URI url = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/RPC2");
    try (RpcConnection connection =
        XmlRpcTransport.open(settings(url).withCaFile(otherCa.certificateFile()))) {
      Calculator client = connection.calculator();
      TransportException error = assertThrows(TransportException.class, () -> client.add(1, 2));
      assertEquals(TransportException.Kind.UNTRUSTED, error.kind());
    }
  }

  @Test
  void settingsRefuseAnotherScheme() {
    assertThrows(
        IllegalArgumentException.class, () -> ClientSettings.forUrl("ftp://127.0.0.1/RPC2"));
  }

  private ClientSettings settings(URI url) {
    return ClientSettings.forUrl(url.toString()).withCaFile(directory.resolve("unused-ca.pem"));
  }

  /** A plain-HTTP peer that answers every POST with this body. */
  private URI plainPeer(String answer) throws IOException {
    peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    peer.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/xml");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    peer.start();
    return URI.create("http://127.0.0.1:" + peer.getAddress().getPort() + "/RPC2");
  }

  /**
   * A plain-HTTP peer that answers every POST with status 200 and {@code mebibytes} MiB of spaces,
   * announcing {@code length} (0: chunked); it stops when the client stops reading.
   */
  private URI peerAnswering(long length, int mebibytes) throws IOException {
    peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    peer.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().set("Content-Type", "text/xml");
          exchange.sendResponseHeaders(200, length);
          byte[] spaces = " ".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < mebibytes; i++) {
              out.write(spaces);
            }
          } catch (IOException e) {
            // the client closed the connection
          }
        });
    peer.start();
    return URI.create("http://127.0.0.1:" + peer.getAddress().getPort() + "/RPC2");
  }
}
