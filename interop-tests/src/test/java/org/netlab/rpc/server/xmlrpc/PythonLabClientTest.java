package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.server.LoopbackServer;

/**
 * An independent client: Python's standard {@code xmlrpc.client} drives both services through the
 * lab's method names over HTTPS, trusting the server's CA, against the real server that checks its
 * callers. The lab's calculator client needs no token; its phonebook client sends the admin token
 * as HTTP Basic credentials (its {@code supprimerTout} needs an admin).
 */
@Timeout(60)
class PythonLabClientTest {
  private static final Path SCRIPT = Path.of("src/test/python/lab_client.py");

  @TempDir static Path directory;
  private static LoopbackServer server;

  @BeforeAll
  static void start() throws IOException {
    server = LoopbackServer.start(directory);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void pythonLabCalculatorClientPassesEveryCheckWithoutAToken() throws Exception {
    assumeTrue(pythonAvailable(), "python3 is not installed");
    String output = runScript(null, "--calculator-only");
    assertTrue(output.contains("ok add(2, 3)"), output);
    assertTrue(output.contains("ok quotient(1, 0) faultCode"), output);
    assertFalse(output.contains("ok ajouterEntree"), output);
    assertTrue(output.strip().endsWith("all checks passed"), output);
  }

  @Test
  void pythonLabClientPassesEveryCheckOverHttpsWithTheAdminToken() throws Exception {
    assumeTrue(pythonAvailable(), "python3 is not installed");
    String output = runScript(server.adminToken());
    assertTrue(output.contains("ok add(2, 3)"), output);
    assertTrue(output.contains("ok quotient(1, 0) faultCode"), output);
    assertTrue(output.contains("ok nbNumeros after removal"), output);
    assertTrue(output.strip().endsWith("all checks passed"), output);
  }

  /** Runs the script with {@code token} in its environment (none when null); answers its output. */
  private static String runScript(String token, String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
    command.addAll(List.of(options));
    command.add(server.xmlRpcUrl().replace("127.0.0.1", "localhost"));
    command.add(server.caFile().toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("RPC_TOKEN");
    if (token != null) {
      builder.environment().put("RPC_TOKEN", token);
    }
    Process python = builder.start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(python.waitFor(30, TimeUnit.SECONDS), output);
    assertEquals(0, python.exitValue(), output);
    return output;
  }

  private static boolean pythonAvailable() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
