package org.netlab.rpc.server.xmlrpc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.client.xmlrpc.XmlRpcCalculatorClient;
import org.netlab.rpc.client.xmlrpc.XmlRpcPhonebookClient;

/** The same contracts through the XML-RPC clients and a real endpoint over HTTPS. */
class XmlRpcContractsTest {
  @TempDir Path directory;
  private XmlRpcTestServer server;

  @BeforeEach
  void start() throws Exception {
    server = XmlRpcTestServer.start(directory);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Nested
  class XmlRpcCalculator extends CalculatorContract {
    private XmlRpcCalculatorClient client;

    @BeforeEach
    void connect() throws Exception {
      client = new XmlRpcCalculatorClient(server.clientSettings());
    }

    @AfterEach
    void disconnect() {
      client.close();
    }

    @Override
    protected Calculator calculator() {
      return client;
    }
  }

  @Nested
  class XmlRpcPhonebook extends PhonebookContract {
    private XmlRpcPhonebookClient client;

    @BeforeEach
    void connect() throws Exception {
      client = new XmlRpcPhonebookClient(server.clientSettings());
    }

    @AfterEach
    void disconnect() {
      client.close();
    }

    @Override
    protected Phonebook phonebook() {
      return client;
    }
  }
}
