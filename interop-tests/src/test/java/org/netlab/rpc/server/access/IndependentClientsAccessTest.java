package org.netlab.rpc.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.rpc.server.ScriptRun;

/**
 * Clients nobody here wrote meet the access policy as ours do: Python's {@code xmlrpc.client}, with
 * the token as the password of the URL (HTTP Basic), and Node's {@code @grpc/grpc-js}, with the
 * token in call credentials, each call one method per kind of operation as every caller, and get
 * what {@link ExpectedAccess} says. The tokens reach the scripts through their environment.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IndependentClientsAccessTest {
  private static final Path PYTHON_SCRIPT = Path.of("src/test/python/access_matrix.py");
  private static final Path NODE_SCRIPT = Path.of("src/test/node/access_matrix.js");
  private static final Path PROTO_ROOT = Path.of("../proto/src/main/proto");

  /** What each script calls, in its order, and what it prints when the caller may call. */
  private record Probe(String method, String allowedOutcome) {}

  private static final List<Probe> XML_RPC_PROBES =
      List.of(
          new Probe("calculator.add", "ok"),
          new Probe("system.listMethods", "ok"),
          new Probe("phonebook.countEntries", "ok"),
          new Probe("phonebook.removeEntry", "fault 404"),
          new Probe("phonebook.removeAll", "ok"),
          new Probe("token.list", "ok"));

  private static final List<Probe> GRPC_PROBES =
      List.of(
          new Probe("netlab.calculator.v1.CalculatorService/Add", "OK"),
          new Probe("grpc.reflection.v1.ServerReflection/ServerReflectionInfo", "OK"),
          new Probe("netlab.phonebook.v1.PhonebookService/CountEntries", "OK"),
          new Probe("netlab.phonebook.v1.PhonebookService/RemoveEntry", "NOT_FOUND"),
          new Probe("netlab.phonebook.v1.PhonebookService/RemoveAll", "OK"),
          new Probe("netlab.admin.v1.TokenService/ListTokens", "OK"));

  @TempDir Path dataDir;

  @Test
  void pythonsXmlRpcClientWithBasicCredentialsMeetsThePolicy() throws Exception {
    assumeTrue(pythonAvailable(), "skipped: python3 is not installed (Debian package python3)");
    try (LoopbackServer server = LoopbackServer.start(dataDir)) {
      List<String> expected = new ArrayList<>();
      for (TestCaller caller : TestCaller.values()) {
        for (Probe probe : XML_RPC_PROBES) {
          boolean allowed = ExpectedAccess.XML_RPC.get(probe.method()).admits(caller.role());
          expected.add(
              line(
                  caller,
                  probe,
                  allowed
                      ? probe.allowedOutcome()
                      : "fault " + ExpectedAccess.faultRefusal(caller.role())));
        }
      }
      List<String> printed =
          run(
              server,
              List.of(
                  "python3",
                  PYTHON_SCRIPT.toString(),
                  server.xmlRpcUrl().replace("127.0.0.1", "localhost"),
                  server.caFile().toString()));
      assertEquals(expected, printed);
    }
  }

  @Test
  void grpcJsWithMetadataCredentialsMeetsThePolicy() throws Exception {
    assumeTrue(
        Files.isDirectory(Path.of("src/test/node/node_modules/@grpc/grpc-js")),
        "skipped: @grpc/grpc-js is not installed; 'npm ci' in interop-tests/src/test/node"
            + " installs it (the Maven build runs it before the tests, unless -DskipTests)");
    try (LoopbackServer server = LoopbackServer.start(dataDir)) {
      List<String> expected = new ArrayList<>();
      for (TestCaller caller : TestCaller.values()) {
        for (Probe probe : GRPC_PROBES) {
          boolean allowed = ExpectedAccess.GRPC.get(probe.method()).admits(caller.role());
          expected.add(
              line(
                  caller,
                  probe,
                  allowed
                      ? probe.allowedOutcome()
                      : ExpectedAccess.grpcRefusal(caller.role()).name()));
        }
      }
      List<String> printed =
          run(
              server,
              List.of(
                  "node",
                  NODE_SCRIPT.toString(),
                  "127.0.0.1:" + server.port(),
                  server.caFile().toString(),
                  PROTO_ROOT.toString()));
      assertEquals(expected, printed);
    }
  }

  private static String line(TestCaller caller, Probe probe, String outcome) {
    return caller.label() + " " + probe.method() + " " + outcome;
  }

  /**
   * Runs a script with a token of each role in its environment ({@code READER_TOKEN}...); answers
   * the lines it printed, after checking that it ended well.
   */
  private List<String> run(LoopbackServer server, List<String> command) throws Exception {
    Map<String, String> tokens = new HashMap<>();
    for (TestCaller caller : List.of(TestCaller.READER, TestCaller.WRITER, TestCaller.ADMIN)) {
      tokens.put(caller.name() + "_TOKEN", caller.tokenOn(server));
    }
    return ScriptRun.lines(dataDir, tokens, command.toArray(String[]::new));
  }

  private static boolean pythonAvailable() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
