package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.phonebook.store.JdbcStore;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RetryPolicy;
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
  /**
   * Calls made, each tried {@link RetryPolicy#MAX_ATTEMPTS} times since a read refused with
   * UNAVAILABLE is retried: the server refuses 500. They run side by side, so that the waits
   * between attempts do not spread the flood over more seconds than the log's few lines a second
   * cover.
   */
  private static final int CALLS = 500 / RetryPolicy.MAX_ATTEMPTS;

  private static final int CALLERS = 25;

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
        List<Future<?>> callers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
          for (int c = 0; c < CALLERS; c++) {
            callers.add(
                threads.submit(
                    () -> {
                      for (int i = 0; i < CALLS / CALLERS; i++) {
                        ServiceException refusal =
                            assertThrows(
                                ServiceException.class, () -> connection.phonebook().find("Ada"));
                        assertEquals(ErrorCode.UNAVAILABLE, refusal.code());
                      }
                    }));
          }
        }
        for (Future<?> caller : callers) {
          caller.get(); // an assertion that failed in a caller fails here
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
