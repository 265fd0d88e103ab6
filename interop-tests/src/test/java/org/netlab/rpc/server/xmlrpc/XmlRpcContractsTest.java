package org.netlab.rpc.server.xmlrpc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.calculator.CalculatorContract;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.domain.phonebook.PhonebookContract;
import org.netlab.rpc.client.RpcConnection;

/**
 * The contracts through the XML-RPC clients and a real endpoint over HTTPS. The server and clients
 * start before each test, ahead of the contract's own set-up.
 */
class XmlRpcContractsTest {
  @TempDir Path directory;
  private XmlRpcTestServer server;
  private RpcConnection connection;

  @BeforeEach
  void start() throws Exception {
    server = XmlRpcTestServer.start(directory);
    connection = RpcConnection.open(XmlRpcTestClients.settings(server));
  }

  @AfterEach
  void stop() {
    connection.close();
    server.close();
  }

  @Nested
  class XmlRpcCalculator extends CalculatorContract {
    @Override
    protected Calculator calculator() {
      return connection.calculator();
    }
  }

  @Nested
  class XmlRpcPhonebook extends PhonebookContract {
    @Override
    protected Phonebook phonebook() {
      return connection.phonebook();
    }
  }
}
