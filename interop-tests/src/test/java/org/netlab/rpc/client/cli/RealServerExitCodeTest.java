package org.netlab.rpc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.datadir.DataDirectory;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.tls.LocalCertificateAuthority;

/** Exit codes and advice when the real transports get no answer, and {@code --ca} at work. */
@Timeout(60)
class RealServerExitCodeTest {
  @TempDir Path directory;

  /** Runs the client as a user of the local server would: its data directory is the default. */
  private Cli.Run run(String... args) {
    return Cli.with(RpcConnection::open)
        .environment(Map.of("NETLAB_DATA_DIR", directory.toString()))
        .run(args);
  }

  @Test
  void callsSucceedOverBothProtocolsWithTheCaGivenByOption() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(directory)) {
      String ca = server.caFile().toString();
      assertEquals(
          new Cli.Run(0, "5\n", ""),
          run("calc", "add", "2", "3", "--server", server.url(), "--ca", ca));
      assertEquals(
          new Cli.Run(0, "5\n", ""),
          run("calc", "add", "2", "3", "--server", server.xmlRpcUrl(), "--ca", ca));
    }
  }

  @Test
  void nothingListeningExitsThreeAskingWhetherTheServerRuns() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path ca = LocalCertificateAuthority.loadOrCreate(directory).certificateFile();
    for (String url :
        new String[] {"grpcs://127.0.0.1:" + port, "https://127.0.0.1:" + port + "/RPC2"}) {
      Cli.Run result = run("calc", "add", "1", "2", "--server", url, "--ca", ca.toString());
      assertEquals(3, result.exitCode(), result.toString());
      assertTrue(
          result
              .err()
              .startsWith(
                  "error: server not reachable at " + url + " — is bin/rpc-server running?"),
          result.err());
    }
  }

  @Test
  void serverSignedByAnotherCaExitsThreeNamingTheCaOption() throws Exception {
    Path otherCa =
        LocalCertificateAuthority.loadOrCreate(directory.resolve("other")).certificateFile();
    try (LoopbackServer server = LoopbackServer.start(directory.resolve("server"))) {
      for (String url : new String[] {server.url(), server.xmlRpcUrl()}) {
        Cli.Run result = run("phonebook", "count", "--server", url, "--ca", otherCa.toString());
        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(
            result.err().startsWith("error: server certificate not trusted by " + otherCa),
            result.err());
        assertTrue(result.err().contains("pass --ca <data-dir>/tls/ca.pem"), result.err());
      }
    }
  }

  @Test
  void serviceRefusalExitsOneWithTheSameMessageOverBothProtocols() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(directory)) {
      String ca = server.caFile().toString();
      for (String url : new String[] {server.url(), server.xmlRpcUrl()}) {
        assertEquals(
            new Cli.Run(1, "", "error: no entry named 'Bob'\n"),
            run("phonebook", "find", "Bob", "--server", url, "--ca", ca));
      }
    }
  }

  @Test
  void mutualTlsAcceptsTheClientCertificateGivenByOptionAndRefusesNoCertificate() throws Exception {
    LocalCertificateAuthority localCa =
        LocalCertificateAuthority.loadOrCreate(directory.resolve(DataDirectory.TLS_SUBDIRECTORY));
    Path chain = directory.resolve("client.pem");
    Path key = directory.resolve("client.key");
    localCa.issue("ada", LocalCertificateAuthority.Purpose.CLIENT, List.of(), chain, key);
    try (LoopbackServer server = LoopbackServer.start(directory, localCa.certificateFile())) {
      String ca = server.caFile().toString();
      for (String url : new String[] {server.url(), server.xmlRpcUrl()}) {
        assertEquals(
            new Cli.Run(0, "0 entries\n", ""),
            run(
                "phonebook",
                "count",
                "--server",
                url,
                "--ca",
                ca,
                "--cert",
                chain.toString(),
                "--key",
                key.toString()));
        Cli.Run refused = run("phonebook", "count", "--server", url, "--ca", ca);
        assertEquals(3, refused.exitCode(), refused.toString());
        assertTrue(
            refused.err().startsWith("error: server certificate not trusted"), refused.err());
      }
    }
  }
}
