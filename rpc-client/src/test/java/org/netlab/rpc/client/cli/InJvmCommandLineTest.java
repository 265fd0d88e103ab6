package org.netlab.rpc.client.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract against the domain objects themselves: the reference behaviour. */
class InJvmCommandLineTest extends CommandLineContract {
  @TempDir Path store;
  private InJvmConnector connector;

  @BeforeEach
  void openServices() {
    connector = new InJvmConnector(store);
  }

  @AfterEach
  void closeServices() {
    connector.close();
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
