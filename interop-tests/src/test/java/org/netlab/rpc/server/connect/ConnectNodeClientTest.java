package org.netlab.rpc.server.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.rpc.server.ScriptRun;

/**
 * Node's {@code @connectrpc/connect-node}, a Connect client nobody here wrote, calls the JSON
 * gateway on the HTTPS port in JSON and in binary: unary calls, errors with their Connect codes,
 * the server-streaming list, and the refusal of a caller with no token. It loads the services from
 * the descriptor set in the proto jar, so nothing is generated for it. The Maven build installs it
 * ({@code npm ci} in {@code src/test/node}) before the tests run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConnectNodeClientTest {
  private static final Path NODE_CLIENT = Path.of("src/test/node/connect_client.js");

  @TempDir Path dataDir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"json", "binary"})
  void connectNodeCallsTheGatewayAndSeesTheCodesAndTheStream(String format) throws Exception {
    assumeTrue(
        Files.isDirectory(Path.of("src/test/node/node_modules/@connectrpc/connect-node")),
        "skipped: @connectrpc/connect-node is not installed; 'npm ci' in"
            + " interop-tests/src/test/node installs it (the Maven build runs it before the tests,"
            + " unless -DskipTests)");
    Path protoset = dataDir.resolve("services.protoset");
    try (InputStream set = getClass().getResourceAsStream("/netlab/services.protoset")) {
      assertNotNull(set, "the proto jar carries netlab/services.protoset");
      Files.copy(set, protoset);
    }
    try (LoopbackServer server = LoopbackServer.start(dataDir.resolve("server"))) {
      List<String> printed =
          ScriptRun.lines(
              dataDir,
              // In the environment, not the arguments: other users can read a process's arguments.
              Map.of("RPC_TOKEN", server.adminToken()),
              "node",
              NODE_CLIENT.toString(),
              server.httpsBaseUrl(),
              server.caFile().toString(),
              protoset.toString(),
              format);
      assertEquals(
          List.of(
              "add 5",
              "divide InvalidArgument division by zero: y must not be 0",
              "addEntry ada +44 20 7946 0001",
              "findNumber ada +44 20 7946 0001",
              "addEntry again AlreadyExists an entry named 'ada' exists already",
              "listEntries a ada,alan",
              "anonymous countEntries Unauthenticated to read the phonebook needs an identity: a"
                  + " token ('authorization: Bearer TOKEN', or HTTP Basic with the token as"
                  + " password) or a client certificate",
              "countEntries 3"),
          printed);
    }
  }
}
