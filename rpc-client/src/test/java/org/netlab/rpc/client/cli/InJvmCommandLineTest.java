package org.netlab.rpc.client.cli;

import org.junit.jupiter.api.BeforeEach;

/** The command-line contract against the domain objects themselves: the reference behaviour. */
class InJvmCommandLineTest extends CommandLineContract {
  private InJvmConnector connector;

  @BeforeEach
  void openServices() {
    connector = new InJvmConnector();
  }

  @Override
  Cli cli() {
    return Cli.with(connector);
  }

  @Override
  String serverUrl() {
    return "https://localhost:8443/RPC2";
  }
}
