package org.netlab.rpc.server.contract;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.calculator.CalculatorContract;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.domain.phonebook.PhonebookContract;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;

/** The contracts through our gRPC client, over TLS, to the real server and store. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GrpcContractsTest {
  @TempDir static Path dataDir;
  private static LoopbackServer server;
  private static RpcConnection connection;

  @BeforeAll
  static void start() throws Exception {
    server = LoopbackServer.start(dataDir);
    connection = RpcConnection.open(server.clientSettings());
  }

  @AfterAll
  static void stop() {
    connection.close();
    server.close();
  }

  @Nested
  class GrpcCalculator extends CalculatorContract {
    @Override
    protected Calculator calculator() {
      return connection.calculator();
    }
  }

  @Nested
  class GrpcPhonebook extends PhonebookContract {
    @Override
    protected Phonebook phonebook() {
      return connection.phonebook();
    }
  }
}
