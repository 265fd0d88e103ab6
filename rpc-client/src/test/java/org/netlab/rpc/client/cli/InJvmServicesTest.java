package org.netlab.rpc.client.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the command tests: each test gets the domain services in this JVM, with a phonebook of
 * its own in a temporary directory, closed afterwards.
 */
abstract class InJvmServicesTest {
  @TempDir Path store;
  InJvmConnector connector;

  @BeforeEach
  void openServices() {
    connector = new InJvmConnector(store);
  }

  @AfterEach
  void closeServices() {
    connector.close();
  }

  /** The command line, wired to this test's services. */
  Cli cli() {
    return Cli.with(connector);
  }
}
