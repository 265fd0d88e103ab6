package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent client: Python's standard {@code xmlrpc.client} drives both services through the
 * lab's method names over HTTPS, trusting the server's CA.
 */
@Timeout(60)
class PythonLabClientTest {
  private static final Path SCRIPT = Path.of("src/test/python/lab_client.py");

  @TempDir Path directory;

  @Test
  void pythonLabClientPassesEveryCheckOverHttps() throws Exception {
    assumeTrue(pythonAvailable(), "python3 is not installed");
    try (XmlRpcTestServer server = XmlRpcTestServer.start(directory)) {
      Process python =
          new ProcessBuilder(
                  "python3",
                  SCRIPT.toString(),
                  server.endpoint.uri().toString().replace("127.0.0.1", "localhost"),
                  server.caFile.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(python.waitFor(30, TimeUnit.SECONDS), output);
      assertEquals(0, python.exitValue(), output);
      assertTrue(output.contains("ok add(2, 3)"), output);
      assertTrue(output.contains("ok quotient(1, 0) faultCode"), output);
      assertTrue(output.strip().endsWith("all checks passed"), output);
    }
  }

  private static boolean pythonAvailable() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
