package org.netlab.rpc.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlab.access.AuditEvent;
import org.netlab.access.Role;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;

/**
 * Changes to the phonebook leave rows in the store's audit trail, over gRPC and XML-RPC alike: a
 * writer's add, its refused second add and its remove, each once with what it acted on, and a
 * reader's refused add; a caller without identity leaves none, so that anyone cannot fill the
 * trail.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditTrailTest {
  private static final String NAME = "Grace Hopper";
  private static final String NUMBER = "+1 202 555 0142";

  @TempDir Path dataDir;

  @ParameterizedTest
  @ValueSource(strings = {"gRPC", "XML-RPC"})
  void aWritersChangesAndRefusalsAndAReadersRefusedAddAreAuditedOnceButAnAnonymousOneIsNot(
      String protocol) throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dataDir)) {
      ClientSettings settings =
          protocol.equals("gRPC") ? server.clientSettings() : server.xmlRpcClientSettings();
      String writer = server.access().tokens().create("ada", Role.WRITER, null).token();
      String reader = server.access().tokens().create("bob", Role.READER, null).token();
      try (RpcConnection asWriter = RpcConnection.open(settings.withToken(writer));
          RpcConnection asReader = RpcConnection.open(settings.withToken(reader));
          RpcConnection anonymous = RpcConnection.open(settings.withToken(null))) {
        asWriter.phonebook().add(NAME, NUMBER);
        assertRefused(ErrorCode.ALREADY_EXISTS, asWriter);
        asWriter.phonebook().remove(NAME);
        assertRefused(ErrorCode.PERMISSION_DENIED, asReader);
        assertRefused(ErrorCode.UNAUTHENTICATED, anonymous);
      }

      String add =
          protocol.equals("gRPC")
              ? "netlab.phonebook.v1.PhonebookService/AddEntry"
              : "phonebook.addEntry";
      String remove =
          protocol.equals("gRPC")
              ? "netlab.phonebook.v1.PhonebookService/RemoveEntry"
              : "phonebook.removeEntry";
      List<AuditEvent> rows = server.store().audit().recent(10);
      assertEquals(
          List.of(
              "token:ada " + add + " OK",
              "token:ada " + add + " ALREADY_EXISTS",
              "token:ada " + remove + " OK",
              "token:bob " + add + " PERMISSION_DENIED"),
          rows.stream()
              .map(row -> row.caller() + " " + row.method() + " " + row.outcome())
              .toList());
      // What the writer's calls acted on; a refused gRPC call is stopped before its message is
      // read, so only XML-RPC knows what the reader's add named.
      assertEquals(NAME, rows.get(0).subject());
      assertEquals(NAME, rows.get(1).subject());
      assertEquals(NAME, rows.get(2).subject());
    }
  }

  private static void assertRefused(ErrorCode expected, RpcConnection caller) {
    ServiceException refused =
        assertThrows(ServiceException.class, () -> caller.phonebook().add(NAME, NUMBER));
    assertEquals(expected, refused.code(), refused::getMessage);
  }
}
