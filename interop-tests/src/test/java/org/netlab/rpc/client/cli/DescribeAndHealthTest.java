package org.netlab.rpc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;

/** {@code describe} and {@code health} against the real server, over both protocols. */
@Timeout(60)
class DescribeAndHealthTest {
  @TempDir Path directory;

  /** Runs the client as a user of the local server would: its data directory is the default. */
  private Cli.Run run(String... args) {
    return Cli.with(RpcConnection::open)
        .environment(Map.of("NETLAB_DATA_DIR", directory.toString()))
        .run(args);
  }

  @Test
  void describeOverGrpcListsServicesMethodsAndTypesThroughReflection() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(directory)) {
      Cli.Run run = run("describe", "--server", server.url(), "--ca", server.caFile().toString());
      assertEquals(0, run.exitCode(), run.toString());
      String out = run.out();
      assertTrue(out.contains("netlab.calculator.v1.CalculatorService\n"), out);
      assertTrue(
          out.contains(
              "  Add(netlab.calculator.v1.BinaryOperation) returns"
                  + " netlab.calculator.v1.CalculationResult\n"),
          out);
      assertTrue(out.contains("netlab.phonebook.v1.PhonebookService\n"), out);
      assertTrue(
          out.contains(
              "  ListEntries(netlab.phonebook.v1.ListEntriesRequest) returns stream"
                  + " netlab.phonebook.v1.Entry\n"),
          out);
      assertEquals("", run.err());
    }
  }

  @Test
  void describeOverXmlRpcListsMethodsWithSignaturesAndHelpThroughIntrospection() throws Exception {
    try (LoopbackServer server = LoopbackServer.startPlaintext(directory)) {
      Cli.Run run = run("describe", "--server", server.xmlRpcUrl());
      assertEquals(0, run.exitCode(), run.toString());
      String out = run.out();
      assertTrue(
          out.contains("calculator\n  calculator.add(double, double) returns double\n"), out);
      assertTrue(out.contains("  phonebook.countEntries() returns int\n"), out);
      assertTrue(out.contains("  system.listMethods() returns array\n"), out);
      assertTrue(out.contains("      Answers how many entries there are.\n"), out);
      assertEquals("", run.err());
    }
  }

  @Test
  void describeAsJsonNamesEveryService() throws Exception {
    try (LoopbackServer server = LoopbackServer.startPlaintext(directory)) {
      Cli.Run run = run("describe", "--json", "--server", server.url());
      assertEquals(0, run.exitCode(), run.toString());
      assertTrue(
          run.out().startsWith("[{\"name\":\"grpc.health.v1.Health\",\"methods\":[{"), run.out());
      assertTrue(run.out().contains("\"name\":\"netlab.phonebook.v1.PhonebookService\""));
    }
  }

  @Test
  void healthSaysServingOverBothProtocolsAndExitsZero() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(directory)) {
      String ca = server.caFile().toString();
      assertEquals(
          new Cli.Run(0, "SERVING\n", ""), run("health", "--server", server.url(), "--ca", ca));
      assertEquals(
          new Cli.Run(0, "SERVING\n", ""),
          run("health", "--server", server.xmlRpcUrl(), "--ca", ca));
    }
  }

  @Test
  void healthOfAServerWhoseStoreIsClosedIsNotServingWithExitOne() throws Exception {
    try (LoopbackServer server = LoopbackServer.startPlaintext(directory)) {
      server.store().close();
      assertEquals(
          new Cli.Run(1, "NOT_SERVING\n", ""), run("health", "--server", server.xmlRpcUrl()));
    }
  }

  @Test
  void healthAndDescribeOfNothingExitThree() throws Exception {
    int dead;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = probe.getLocalPort();
    }
    for (String command : new String[] {"health", "describe"}) {
      String url = "grpc://127.0.0.1:" + dead;
      Cli.Run run = run(command, "--server", url);
      assertEquals(3, run.exitCode(), run.toString());
      assertEquals(
          "error: server not reachable at " + url + " — is bin/rpc-server running?",
          run.err().lines().findFirst().get());
    }
  }
}
