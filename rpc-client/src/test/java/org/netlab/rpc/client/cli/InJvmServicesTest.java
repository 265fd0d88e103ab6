package org.netlab.rpc.client.cli;

import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the command tests: each test gets the domain services in this JVM, with a phonebook of
 * its own in memory.
 */
abstract class InJvmServicesTest {
  InJvmConnector connector;

  @BeforeEach
  void openServices() {
    connector = new InJvmConnector();
  }

  /** The command line, wired to this test's services. */
  Cli cli() {
    return Cli.with(connector);
  }
}
