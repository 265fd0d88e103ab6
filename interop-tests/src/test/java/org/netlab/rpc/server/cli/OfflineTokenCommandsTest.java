package org.netlab.rpc.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;
import picocli.CommandLine;

/**
 * {@code rpc-server token} and {@code rpc-server audit} on the store of a running server: a token
 * made offline works at once, one revoked offline stops working within the server's one-second
 * memory of lookups, and the audit trail names who did what.
 */
@Timeout(60)
class OfflineTokenCommandsTest {
  @TempDir Path dataDir;

  /** What one run of {@code rpc-server ARGS --data-dir DIR} printed, and its exit code. */
  private record Run(int exitCode, String out, String err) {}

  private Run rpcServer(String... args) {
    CommandLine line = RpcServerCommand.commandLine(new RpcServerCommand());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    String[] withDataDir = new String[args.length + 2];
    System.arraycopy(args, 0, withDataDir, 0, args.length);
    withDataDir[args.length] = "--data-dir";
    withDataDir[args.length + 1] = dataDir.toString();
    return new Run(line.execute(withDataDir), out.toString(), err.toString());
  }

  @Test
  void aTokenMadeOfflineWorksAtOnceAndOneRevokedOfflineStopsWithinTwoSeconds() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dataDir)) {
      Run created = rpcServer("token", "create", "alice", "--role", "writer");
      assertEquals(0, created.exitCode(), created.toString());
      String alice = created.out().strip();
      assertTrue(alice.startsWith("nlt_"), "the token alone on stdout");
      assertEquals("created token 'alice' (writer); it is shown this once\n", created.err());

      try (RpcConnection asAlice = RpcConnection.open(server.clientSettings().withToken(alice))) {
        asAlice.phonebook().add("Ada", "555-0100");
        assertEquals(
            ErrorCode.PERMISSION_DENIED,
            assertThrows(ServiceException.class, () -> asAlice.phonebook().removeAll()).code());

        assertEquals(
            new Run(0, "", "revoked token 'alice'\n"), rpcServer("token", "revoke", "alice"));
        long deadline = System.nanoTime() + 2_000_000_000L;
        ErrorCode refused = null;
        while (refused == null && System.nanoTime() < deadline) {
          try {
            asAlice.phonebook().count();
            Thread.sleep(50);
          } catch (ServiceException e) {
            refused = e.code();
          }
        }
        assertEquals(ErrorCode.UNAUTHENTICATED, refused, "still admitted 2 s after the revoke");
      }
    }
  }

  @Test
  void listShowsNamesRolesAndExpiriesButNoTokenAndAuditNamesWhoDidWhat() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dataDir)) {
      String bob =
          rpcServer("token", "create", "bob", "--role", "reader", "--expires-in", "1d").out();
      Run listed = rpcServer("token", "list");
      assertEquals(0, listed.exitCode(), listed.toString());
      List<String> lines = listed.out().lines().toList();
      assertTrue(lines.get(0).matches("NAME +ROLE +CREATED +EXPIRES"), lines.get(0));
      assertTrue(
          lines.stream().anyMatch(line -> line.matches("admin +admin .* never")), lines::toString);
      assertTrue(lines.stream().anyMatch(line -> line.matches("bob +reader .*Z")), lines::toString);
      assertFalse(listed.out().contains(bob.strip()), "a listing shows no token");

      try (RpcConnection admin = RpcConnection.open(server.xmlRpcClientSettings())) {
        admin.phonebook().add("Grace", "555-0199");
      }
      Run audit = rpcServer("audit", "-n", "10");
      assertEquals(0, audit.exitCode(), audit.toString());
      String user = System.getProperty("user.name");
      assertTrue(
          audit
              .out()
              .lines()
              .anyMatch(l -> l.matches(".*local:" + user + " +token create +bob +OK")),
          audit.out());
      assertTrue(
          audit
              .out()
              .lines()
              .anyMatch(l -> l.matches(".*token:admin +phonebook.addEntry +Grace +OK")),
          audit.out());
    }
  }

  @Test
  void aTakenNameOrAnUnknownRoleIsRefusedWithOneLine() {
    assertEquals(0, rpcServer("token", "create", "carol", "--role", "reader").exitCode());
    Run taken = rpcServer("token", "create", "carol", "--role", "admin");
    assertEquals(
        new Run(
            ExitCodes.REFUSED, "", "rpc-server: a token named 'carol' exists; revoke it first\n"),
        taken);
    Run badRole = rpcServer("token", "create", "dave", "--role", "root");
    assertEquals(ExitCodes.USAGE, badRole.exitCode(), badRole.toString());
    assertTrue(badRole.err().contains("the roles are reader, writer and admin"), badRole.err());
    Run unknown = rpcServer("token", "revoke", "nobody");
    assertEquals(
        new Run(ExitCodes.REFUSED, "", "rpc-server: no token is named 'nobody'\n"), unknown);
  }
}
