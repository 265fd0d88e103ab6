package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.phonebook.store.JdbcStore;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.ServerTls;
import org.netlab.rpc.server.access.TestAccess;
import org.netlab.rpc.server.grpc.CapturedLog;

/**
 * A store that is out of reach refuses every phonebook call with UNAVAILABLE, and the server says
 * so in a few lines a second with a count, not in a warning with a stack trace per call.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class XmlRpcStoreOutageTest {
  private static final int CALLS = 500;

  @TempDir Path dataDir;

  @Test
  void everyCallDuringAnOutageIsUnavailableAndTheLogStaysShort() throws Exception {
    ServerTls tls = ServerTls.resolve(null, null, null, dataDir);
    JdbcStore store = JdbcStore.openEmbedded(dataDir);
    store.close(); // the outage: every call now fails to reach the database
    try (XmlRpcEndpoint endpoint =
            new XmlRpcEndpoint(
                new InetSocketAddress("127.0.0.1", 0),
                tls.files(),
                new FiniteCalculator(),
                store.phonebook(),
                TestAccess.unchecked(),
                XmlRpcLimits.defaults());
        CapturedLog log = CapturedLog.start()) {
      endpoint.start();
      try (RpcConnection connection =
          RpcConnection.open(ClientSettings.forUrl(endpoint.url()).withCaFile(tls.localCa()))) {
        for (int i = 0; i < CALLS; i++) {
          ServiceException refusal =
              assertThrows(ServiceException.class, () -> connection.phonebook().find("Ada"));
          assertEquals(ErrorCode.UNAVAILABLE, refusal.code());
        }
      }
      log.awaitQuiet();
      assertFalse(log.hasStackTrace(), log::text);
      assertTrue(log.lines() <= 20, () -> log.lines() + " lines:\n" + log.text());
      assertTrue(log.text().contains("calls refused for an outage"), log::text);
      assertTrue(
          log.text().contains("call refused: the phonebook store is unavailable"), log::text);
    }
  }
}
