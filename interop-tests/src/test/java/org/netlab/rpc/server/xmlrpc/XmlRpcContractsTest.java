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
import org.netlab.rpc.client.xmlrpc.XmlRpcCalculatorClient;
import org.netlab.rpc.client.xmlrpc.XmlRpcPhonebookClient;

/**
 * The contracts through the XML-RPC clients and a real endpoint over HTTPS. The server and clients
 * start before each test, ahead of the contract's own set-up.
 */
class XmlRpcContractsTest {
  @TempDir Path directory;
  private XmlRpcTestServer server;
  private XmlRpcCalculatorClient calculator;
  private XmlRpcPhonebookClient phonebook;

  @BeforeEach
  void start() throws Exception {
    server = XmlRpcTestServer.start(directory);
    calculator = new XmlRpcCalculatorClient(XmlRpcTestClients.settings(server));
    phonebook = new XmlRpcPhonebookClient(XmlRpcTestClients.settings(server));
  }

  @AfterEach
  void stop() {
    calculator.close();
    phonebook.close();
    server.close();
  }

  @Nested
  class XmlRpcCalculator extends CalculatorContract {
    @Override
    protected Calculator calculator() {
      return calculator;
    }
  }

  @Nested
  class XmlRpcPhonebook extends PhonebookContract {
    @Override
    protected Phonebook phonebook() {
      return phonebook;
    }
  }
}
