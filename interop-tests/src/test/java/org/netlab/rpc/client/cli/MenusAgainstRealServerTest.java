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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;

/** The interactive menus against a real server, and against none. */
@Timeout(60)
class MenusAgainstRealServerTest {
  @TempDir Path directory;

  /** Runs a menu as a user of the local server would: its data directory is the default. */
  private Cli.Run menu(String input, String... args) {
    return Cli.with(RpcConnection::open)
        .environment(Map.of("NETLAB_DATA_DIR", directory.toString()))
        .stdin(input)
        .run(args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"calc", "phonebook"})
  void aDeadServerIsSaidBeforeAnyQuestionWithExitThree(String command) throws Exception {
    int dead;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = probe.getLocalPort();
    }
    String url = "http://127.0.0.1:" + dead + "/RPC2";
    Cli.Run run = menu("1\n2\n3\n", command, "--server", url);
    assertEquals(3, run.exitCode(), run.toString());
    assertEquals("", run.out());
    assertEquals(
        "error: server not reachable at " + url + " — is bin/rpc-server running?",
        run.err().lines().findFirst().get());
  }

  @Test
  void thePhonebookMenuAsksAgainForABadNumberAndKeepsTheName() throws Exception {
    try (LoopbackServer server = LoopbackServer.startPlaintext(directory)) {
      Cli.Run run =
          menu("1\nAda\n12\n+44 20 7946 0000\n0\n", "phonebook", "--server", server.xmlRpcUrl());
      assertEquals(0, run.exitCode(), run.toString());
      assertTrue(
          run.out()
              .contains(
                  "name: number: number must hold 3 to 20 digits; it holds 2\n"
                      + "number: added Ada: +44 20 7946 0000\n"),
          run.out());
      assertEquals("+44 20 7946 0000", server.store().phonebook().find("ada").number());
    }
  }

  @Test
  void theCalculatorMenuWritesNumbersAsPeopleDoAndInFullWhenAsked() throws Exception {
    try (LoopbackServer server = LoopbackServer.startPlaintext(directory)) {
      String input = "1\n1e300\n1\n1\n0.1\n0.2\n0\n";
      Cli.Run shortRun = menu(input, "calc", "--server", server.url());
      assertTrue(shortRun.out().contains("1e+300 + 1 = 1e+300\n"), shortRun.out());
      assertTrue(shortRun.out().contains("0.1 + 0.2 = 0.3\n"), shortRun.out());
      Cli.Run fullRun = menu(input, "calc", "--precision", "full", "--server", server.url());
      assertTrue(fullRun.out().contains("0.1 + 0.2 = 0.30000000000000004\n"), fullRun.out());
    }
  }
}
