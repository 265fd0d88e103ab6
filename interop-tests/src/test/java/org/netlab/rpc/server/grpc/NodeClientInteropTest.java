package org.netlab.rpc.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.rpc.server.ScriptRun;

/**
 * Node's grpc-js, a client nobody here wrote, loads our .proto files and calls both services over
 * TLS trusting the generated CA, sending the admin token as {@code authorization} metadata; without
 * a token it still calculates, and is refused the phonebook. The Maven build installs it ({@code
 * npm ci} in {@code src/test/node}) before the tests run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeClientInteropTest {
  private static final Path NODE_CLIENT = Path.of("src/test/node/client.js");
  private static final Path PROTO_ROOT = Path.of("../proto/src/main/proto");

  @TempDir Path dataDir;

  @Test
  void grpcJsCallsBothServicesWithATokenOverTlsAndSeesTheErrorCodes() throws Exception {
    assumeTrue(
        Files.isDirectory(Path.of("src/test/node/node_modules/@grpc/grpc-js")),
        "skipped: @grpc/grpc-js is not installed; 'npm ci' in interop-tests/src/test/node"
            + " installs it (the Maven build runs it before the tests, unless -DskipTests)");
    try (LoopbackServer server = LoopbackServer.start(dataDir)) {
      List<String> printed =
          ScriptRun.lines(
              dataDir,
              // In the environment, not the arguments: other users can read a process's arguments.
              Map.of("RPC_TOKEN", server.adminToken()),
              "node",
              NODE_CLIENT.toString(),
              "127.0.0.1:" + server.port(),
              server.caFile().toString(),
              PROTO_ROOT.toString());
      assertEquals(
          List.of(
              "add 6.5",
              "abs 7",
              "divide-by-zero INVALID_ARGUMENT division by zero: y must not be 0",
              "addEntry Ada Lovelace / +44 20 7946 0000",
              "findNumber +44 20 7946 0000",
              "countEntries 2",
              "listEntries Ada Lovelace, Alan Turing",
              "findNumber-unknown NOT_FOUND no entry named 'Nobody'",
              "addEntry-taken ALREADY_EXISTS an entry named 'ADA LOVELACE' exists already",
              "add-without-token 5",
              "countEntries-without-token UNAUTHENTICATED"),
          printed);
    }
  }
}
