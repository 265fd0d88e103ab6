package org.netlab.rpc.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.access.Role;
import org.netlab.access.TokenAdministration;
import org.netlab.access.Tokens;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.phonebook.store.JdbcStore;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.rpc.server.grpc.CapturedLog;

/**
 * A token's life on a real server, over gRPC and XML-RPC alike: a revoked token stops working at
 * once, an expired one stops working, and the token itself is never written down, neither in the
 * store's files (only its hash is) nor in the log.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TokenLifecycleTest {
  @TempDir static Path dataDir;
  private static LoopbackServer server;

  @BeforeAll
  static void start() throws IOException {
    server = LoopbackServer.start(dataDir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aRevokedTokenIsRefusedAtOnceOverBothProtocols() {
    String token = server.access().tokens().create("soon-revoked", Role.READER, null).token();
    try (RpcConnection grpc = RpcConnection.open(server.clientSettings().withToken(token));
        RpcConnection xmlRpc = RpcConnection.open(server.xmlRpcClientSettings().withToken(token))) {
      assertEquals(0, grpc.phonebook().count());
      assertEquals(0, xmlRpc.phonebook().count());
      server.access().tokens().revoke("soon-revoked");
      // The same connections, the very next calls.
      assertUnauthenticated(grpc);
      assertUnauthenticated(xmlRpc);
    }
  }

  @Test
  void anExpiredTokenIsRefusedOverBothProtocols() throws Exception {
    TokenAdministration.IssuedToken issued =
        server.access().tokens().create("short-lived", Role.READER, Duration.ofSeconds(1));
    Instant expires = issued.record().expires();
    try (CapturedLog log = CapturedLog.start();
        RpcConnection grpc = RpcConnection.open(server.clientSettings().withToken(issued.token()));
        RpcConnection xmlRpc =
            RpcConnection.open(server.xmlRpcClientSettings().withToken(issued.token()))) {
      Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 200);
      assertUnauthenticated(grpc);
      assertUnauthenticated(xmlRpc);
      // Refused as expired, not as unknown: the server's own account of why.
      assertTrue(log.text().contains("expired token of 'short-lived'"), log::text);
    }
  }

  @Test
  void aTokenIsKeptOnlyAsItsHashAndNeverLogged() throws Exception {
    try (CapturedLog log = CapturedLog.start()) {
      String token = server.access().tokens().create("kept-secret", Role.READER, null).token();
      ClientSettings grpcSettings = server.clientSettings().withToken(token);
      ClientSettings xmlRpcSettings = server.xmlRpcClientSettings().withToken(token);
      for (ClientSettings settings : List.of(grpcSettings, xmlRpcSettings)) {
        try (RpcConnection connection = RpcConnection.open(settings)) {
          assertEquals(0, connection.phonebook().count());
          // A refused write of a known caller is audited: a row in the store naming the caller.
          ServiceException refused =
              assertThrows(
                  ServiceException.class, () -> connection.phonebook().add("Eve", "555-0100"));
          assertEquals(ErrorCode.PERMISSION_DENIED, refused.code());
        }
      }
      String stored = storeFiles();
      assertTrue(stored.contains(Tokens.hash(token)), "the token's hash should be in the store");
      assertFalse(stored.contains(token), "the token itself is in the store's files");

      // A refused token is logged, as a failed authentication, without the token.
      server.access().tokens().revoke("kept-secret");
      for (ClientSettings settings : List.of(grpcSettings, xmlRpcSettings)) {
        try (RpcConnection connection = RpcConnection.open(settings)) {
          assertUnauthenticated(connection);
        }
      }
      log.awaitQuiet();
      assertTrue(log.text().contains("authentication failed"), log::text);
      assertFalse(log.text().contains(token), "the token itself is in the log");
      assertFalse(storeFiles().contains(token), "the token itself is in the store's files");
    }
  }

  private static void assertUnauthenticated(RpcConnection connection) {
    ServiceException refused =
        assertThrows(ServiceException.class, () -> connection.phonebook().count());
    assertEquals(ErrorCode.UNAUTHENTICATED, refused.code(), refused::getMessage);
  }

  /** The bytes of the SQLite database and its write-ahead log, as Latin-1 text to search. */
  private static String storeFiles() throws IOException {
    Path database = dataDir.resolve(JdbcStore.EMBEDDED_FILE_NAME);
    assertTrue(Files.exists(database), database + " should exist");
    List<String> contents = new ArrayList<>();
    for (String suffix : List.of("", "-wal")) {
      Path file = Path.of(database + suffix);
      if (Files.exists(file)) {
        contents.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      }
    }
    return String.join("\n", contents);
  }
}
