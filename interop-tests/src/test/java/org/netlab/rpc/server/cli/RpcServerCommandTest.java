package org.netlab.rpc.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.datadir.DataDirectory;
import org.netlab.domain.phonebook.Entry;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.RpcServer;
import picocli.CommandLine;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RpcServerCommandTest {
  @TempDir Path dataDir;
  private final StringWriter err = new StringWriter();

  @Test
  void startsWithTlsFromTheGeneratedCaAndStopsWhenClosed() throws Exception {
    RpcServerCommand command = new RpcServerCommand();
    CompletableFuture<RpcServer> started = new CompletableFuture<>();
    command.onStarted(started::complete);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                commandLine(command)
                    .execute(
                        "--grpc-port",
                        "0",
                        "--xmlrpc-port",
                        "0",
                        "--data-dir",
                        dataDir.toString()));
    RpcServer server = started.get(30, TimeUnit.SECONDS);
    String grpcUrl = server.urls().get(0);
    String xmlRpcUrl = server.urls().get(1);
    assertTrue(grpcUrl.startsWith("grpcs://127.0.0.1:"), grpcUrl);
    assertTrue(
        xmlRpcUrl.startsWith("https://127.0.0.1:") && xmlRpcUrl.endsWith("/RPC2"), xmlRpcUrl);
    try (RpcConnection grpc =
            RpcConnection.open(
                ClientSettings.forUrl(grpcUrl).withCaFile(DataDirectory.caFile(dataDir)));
        RpcConnection xmlRpc =
            RpcConnection.open(
                ClientSettings.forUrl(xmlRpcUrl).withCaFile(DataDirectory.caFile(dataDir)))) {
      assertEquals(new Entry("Ada", "555-0100"), grpc.phonebook().add("Ada", "555-0100"));
      assertEquals(new Entry("Ada", "555-0100"), xmlRpc.phonebook().find("ada"));
    }
    server.close();
    assertEquals(0, exit.get(30, TimeUnit.SECONDS));
  }

  @Test
  void aTakenPortExitsNonZeroWithAOneLineReason() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int exit =
          commandLine(new RpcServerCommand())
              .execute(
                  "--grpc-port",
                  String.valueOf(taken.getLocalPort()),
                  "--xmlrpc-port",
                  "0",
                  "--data-dir",
                  dataDir.toString());
      assertEquals(RpcServerCommand.CANNOT_START, exit);
      assertOneLine(
          "rpc-server: cannot listen for gRPC on 127.0.0.1:" + taken.getLocalPort() + ": ");
    }
  }

  @Test
  void aTakenXmlRpcPortExitsNonZeroWithAOneLineReason() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int exit =
          commandLine(new RpcServerCommand())
              .execute(
                  "--grpc-port",
                  "0",
                  "--xmlrpc-port",
                  String.valueOf(taken.getLocalPort()),
                  "--data-dir",
                  dataDir.toString());
      assertEquals(RpcServerCommand.CANNOT_START, exit);
      assertOneLine(
          "rpc-server: cannot listen for XML-RPC on 127.0.0.1:" + taken.getLocalPort() + ": ");
    }
  }

  @Test
  void unreadableTlsFilesExitNonZeroWithAOneLineReason() {
    Path missing = dataDir.resolve("missing.pem");
    int exit =
        commandLine(new RpcServerCommand())
            .execute(
                "--grpc-port",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--tls-cert",
                missing.toString(),
                "--tls-key",
                dataDir.resolve("missing.key").toString());
    assertEquals(RpcServerCommand.CANNOT_START, exit);
    assertOneLine("rpc-server: TLS file not found: " + missing);
  }

  @Test
  void plaintextWithTlsOptionsIsRefused() {
    int exit =
        commandLine(new RpcServerCommand())
            .execute("--plaintext", "--client-ca", "ca.pem", "--data-dir", dataDir.toString());
    assertEquals(RpcServerCommand.CANNOT_START, exit);
    assertOneLine("rpc-server: --plaintext cannot be combined with TLS options");
  }

  @Test
  void helpListsTheOptions() {
    StringWriter out = new StringWriter();
    CommandLine line = commandLine(new RpcServerCommand());
    line.setOut(new PrintWriter(out));
    assertEquals(0, line.execute("--help"));
    for (String option :
        new String[] {
          "--bind",
          "--grpc-port",
          "--xmlrpc-port",
          "--data-dir",
          "--tls-cert",
          "--tls-key",
          "--client-ca",
          "--plaintext",
          "--store",
          "--log-level"
        }) {
      assertTrue(out.toString().contains(option), option);
    }
  }

  private CommandLine commandLine(RpcServerCommand command) {
    CommandLine line = RpcServerCommand.commandLine(command);
    line.setErr(new PrintWriter(err));
    return line;
  }

  private void assertOneLine(String prefix) {
    String text = err.toString();
    assertTrue(text.startsWith(prefix), text);
    assertEquals(1, text.lines().count(), text);
  }
}
