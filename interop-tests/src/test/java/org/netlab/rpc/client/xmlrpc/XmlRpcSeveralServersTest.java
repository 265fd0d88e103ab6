package org.netlab.rpc.client.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.domain.phonebook.Entry;
import org.netlab.phonebook.store.JdbcStore;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.client.TransportException;
import org.netlab.rpc.server.access.TestAccess;
import org.netlab.rpc.server.metrics.CallMeters;
import org.netlab.rpc.server.xmlrpc.XmlRpcEndpoint;
import org.netlab.rpc.server.xmlrpc.XmlRpcLimits;
import org.netlab.tls.LocalCertificateAuthority;

/**
 * Our XML-RPC client over a list of three real servers on loopback (TLS from one local CA, one
 * phonebook store between them, each naming itself in {@code x-served-by}): how calls spread, and
 * what happens when servers go away.
 */
@Timeout(60)
class XmlRpcSeveralServersTest {
  private static final List<String> NAMES = List.of("alpha", "bravo", "charlie");

  @TempDir Path directory;
  private LocalCertificateAuthority ca;
  private JdbcStore store;
  private final List<XmlRpcEndpoint> servers = new ArrayList<>();

  @BeforeEach
  void startThreeServers() throws IOException {
    ca = LocalCertificateAuthority.loadOrCreate(directory.resolve("tls"));
    store = JdbcStore.openEmbedded(directory.resolve("data"));
    FiniteCalculator calculator = new FiniteCalculator();
    for (String name : NAMES) {
      XmlRpcEndpoint server =
          new XmlRpcEndpoint(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
              ca.serverFiles(),
              calculator,
              store.phonebook(),
              TestAccess.unchecked(),
              XmlRpcLimits.defaults(),
              List.of(),
              CallMeters.NONE,
              name);
      servers.add(server);
      server.start();
    }
  }

  @AfterEach
  void stopServers() {
    servers.forEach(XmlRpcEndpoint::close);
    store.close();
  }

  @Test
  void callsSpreadEvenlyOverTheServersOfTheList() {
    try (RpcConnection connection = RpcConnection.open(settings(urlOf(servers)))) {
      for (int i = 0; i < 30; i++) {
        assertEquals(i + 1.0, connection.calculator().add(i, 1));
      }
      assertEquals(Map.of("alpha", 10L, "bravo", 10L, "charlie", 10L), connection.servedBy());
    }
  }

  @Test
  void aSingleServerUrlCountsWhoAnsweredToo() {
    try (RpcConnection connection = RpcConnection.open(settings(servers.get(1).url()))) {
      connection.calculator().abs(-1);
      connection.phonebook().count();
      assertEquals(Map.of("bravo", 2L), connection.servedBy());
    }
  }

  @Test
  void withOneServerClosedEveryCallSucceedsOnTheOthers() {
    try (RpcConnection connection = RpcConnection.open(settings(urlOf(servers)))) {
      for (int i = 0; i < 6; i++) {
        connection.calculator().add(i, i);
      }
      servers.get(1).close();
      for (int i = 0; i < 10; i++) {
        connection.phonebook().add("name" + i, "0100" + i);
        assertEquals(new Entry("name" + i, "0100" + i), connection.phonebook().find("name" + i));
        assertEquals(i + 1, connection.phonebook().count());
      }
      Map<String, Long> servedBy = connection.servedBy();
      assertEquals(2L, servedBy.get("bravo"), "answers before it closed: " + servedBy);
      assertEquals(
          2 + 2 + 30,
          servedBy.get("alpha") + servedBy.get("charlie"),
          "every call after the close answered once: " + servedBy);
    }
  }

  @Test
  void aServerThatDropsEveryConnectionIsLeftOutAfterItsFirstFailure() throws Exception {
    try (ServerSocket dropping = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger connections = new AtomicInteger();
      Thread.ofVirtual()
          .start(
              () -> {
                while (!dropping.isClosed()) {
                  try (Socket socket = dropping.accept()) {
                    connections.incrementAndGet(); // closed at once, before any TLS handshake
                  } catch (IOException e) {
                    // the test has ended
                  }
                }
              });
      String list =
          servers.get(0).url()
              + ",https://127.0.0.1:"
              + dropping.getLocalPort()
              + "/RPC2,"
              + servers.get(2).url();
      long start = System.nanoTime();
      try (RpcConnection connection = RpcConnection.open(settings(list))) {
        for (int i = 0; i < 30; i++) {
          assertEquals(2.0 * i, connection.calculator().multiply(i, 2));
        }
        assertEquals(30L, connection.servedBy().values().stream().mapToLong(Long::longValue).sum());
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      // Left out for 1 s, then 2 s, 4 s...: only as many tries as back-offs that could have ended.
      int allowed = 1 + (int) (Math.log(1 + elapsed.toMillis() / 1000.0) / Math.log(2));
      assertTrue(
          connections.get() >= 1 && connections.get() <= allowed,
          connections.get() + " connections in " + elapsed + ", at most " + allowed);
    }
  }

  @Test
  void anAlreadyExistsFaultIsAnsweredOnceAndNotRetried() {
    try (RpcConnection connection = RpcConnection.open(settings(urlOf(servers)))) {
      connection.phonebook().add("Alice", "0123");
      ServiceException refusal =
          assertThrows(ServiceException.class, () -> connection.phonebook().add("Alice", "0456"));
      assertEquals(ErrorCode.ALREADY_EXISTS, refusal.code());
      ServiceException notFound =
          assertThrows(ServiceException.class, () -> connection.phonebook().find("Bob"));
      assertEquals(ErrorCode.NOT_FOUND, notFound.code());
      assertEquals(
          Map.of("alpha", 1L, "bravo", 1L, "charlie", 1L),
          connection.servedBy(),
          "one answer per call, faults included");
    }
  }

  @Test
  void aCallGivesUpWithinItsTimeoutWhenEveryServerIsDown() {
    String list = urlOf(servers);
    List<Integer> ports = servers.stream().map(XmlRpcEndpoint::port).toList();
    servers.forEach(XmlRpcEndpoint::close);
    Duration timeout = Duration.ofMillis(300);
    try (RpcConnection connection = RpcConnection.open(settings(list).withTimeout(timeout))) {
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        TransportException error =
            assertThrows(TransportException.class, () -> connection.calculator().add(1, 2));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(TransportException.Kind.UNREACHABLE, error.kind());
        assertTrue(
            ports.stream().anyMatch(port -> error.getMessage().contains(":" + port)),
            "names a server: " + error.getMessage());
        assertTrue(elapsed.compareTo(timeout) <= 0, "gave up after " + elapsed);
      }
    }
  }

  private ClientSettings settings(String url) {
    return ClientSettings.forUrl(url).withCaFile(ca.certificateFile());
  }

  private static String urlOf(List<XmlRpcEndpoint> servers) {
    return String.join(",", servers.stream().map(XmlRpcEndpoint::url).toList());
  }
}
