package org.netlab.rpc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;

/**
 * {@code rpc-client token} against the real server: an admin makes, lists and revokes tokens
 * remotely over either protocol, and what a token may do follows at once.
 */
@Timeout(60)
class TokenCommandsAgainstRealServerTest {
  @TempDir Path directory;

  /** As a user of the local server: its data directory (CA, admin token) is the default. */
  private Cli.Run run(String token, String... args) {
    Map<String, String> environment = new HashMap<>();
    environment.put("NETLAB_DATA_DIR", directory.toString());
    if (token != null) {
      environment.put("RPC_TOKEN", token);
    }
    return Cli.with(RpcConnection::open).environment(environment).run(args);
  }

  @Test
  void anAdminCreatesATokenOverGrpcThatWorksAtOnceAndRevokesItOverXmlRpc() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(directory)) {
      Cli.Run created =
          run(null, "token", "create", "bob", "--role", "writer", "--server", server.url());
      assertEquals(0, created.exitCode(), created.toString());
      String bob = created.out().strip();
      assertTrue(bob.startsWith("nlt_") && bob.length() == 47, "one token alone on stdout");
      assertEquals("created token 'bob' (writer); it is shown this once\n", created.err());

      Cli.Run added =
          run(bob, "phonebook", "add", "Ada", "555-0100", "--server", server.xmlRpcUrl());
      assertEquals(0, added.exitCode(), added.toString());

      Cli.Run listed = run(null, "token", "list", "--server", server.xmlRpcUrl());
      assertEquals(0, listed.exitCode(), listed.toString());
      assertTrue(listed.out().lines().anyMatch(line -> line.matches("bob +writer .* never")));
      assertTrue(listed.out().lines().anyMatch(line -> line.matches("admin +admin .* never")));
      assertFalse(listed.out().contains("nlt_"), "a listing shows no token");

      Cli.Run revoked = run(null, "token", "revoke", "bob", "--server", server.xmlRpcUrl());
      assertEquals(new Cli.Run(0, "", "revoked token 'bob'\n"), revoked);

      Cli.Run refused = run(bob, "phonebook", "count", "--server", server.url());
      assertEquals(1, refused.exitCode(), refused.toString());
      assertTrue(refused.err().startsWith("error: not authenticated: "), refused.err());
      assertFalse(refused.err().contains(bob), "the error repeats the token");
    }
  }

  @Test
  void aWriterMayNotManageTokensAndATakenNameIsRefused() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(directory)) {
      String carol =
          run(null, "token", "create", "carol", "--role", "writer", "--server", server.url())
              .out()
              .strip();
      for (String url : new String[] {server.url(), server.xmlRpcUrl()}) {
        Cli.Run denied = run(carol, "token", "list", "--server", url);
        assertEquals(1, denied.exitCode(), denied.toString());
        assertEquals(
            "error: permission denied: 'carol' (writer) may not manage tokens; that needs the"
                + " admin role\n",
            denied.err(),
            url);
        Cli.Run taken = run(null, "token", "create", "carol", "--role", "reader", "--server", url);
        assertEquals(1, taken.exitCode(), taken.toString());
        assertTrue(taken.err().contains("a token named 'carol' exists"), taken.err());
      }
    }
  }
}
