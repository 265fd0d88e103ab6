package org.netlab.rpc.server.contract;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.calculator.CalculatorContract;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;

/** The calculator contract through our gRPC client, over TLS, to the real server. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GrpcCalculatorClientTest extends CalculatorContract {
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

  @Override
  protected Calculator calculator() {
    return connection.calculator();
  }
}
