package org.netlab.rpc.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.server.LoopbackServer;

/**
 * The XML-RPC endpoint's HTTP layer and curl: Basic credentials with the token as password are
 * accepted, and an authorization header in a scheme it does not take is refused by HTTP itself, 401
 * with the schemes it takes, rather than by a fault.
 */
@Timeout(60)
class HttpAuthorizationTest {
  private static final String COUNT =
      "<?xml version=\"1.0\"?><methodCall><methodName>phonebook.countEntries</methodName>"
          + "<params/></methodCall>";

  @TempDir Path dataDir;

  /** curl's answer: the status line and headers, a blank line, the body. */
  private static String curl(LoopbackServer server, String... options)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("curl", "-s", "-i", "--max-time", "20"));
    command.addAll(List.of("--cacert", server.caFile().toString()));
    command.addAll(List.of("-H", "Content-Type: text/xml", "--data-binary", COUNT));
    command.addAll(List.of(options));
    command.add(server.xmlRpcUrl());
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(curl.waitFor(30, TimeUnit.SECONDS), output);
    assertEquals(0, curl.exitValue(), output);
    return output;
  }

  private static boolean curlAvailable() {
    try {
      return new ProcessBuilder("curl", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void basicCredentialsWithTheTokenAsPasswordAreAnIdentity() throws Exception {
    assumeTrue(curlAvailable(), "skipped: curl is not installed (Debian package curl)");
    try (LoopbackServer server = LoopbackServer.start(dataDir)) {
      String answer = curl(server, "-u", "anyone:" + server.adminToken());
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      assertTrue(answer.contains("<i4>0</i4>"), answer);
    }
  }

  @Test
  void aSchemeOtherThanBearerOrBasicIsRefusedWithHttp401NamingTheSchemesTaken() throws Exception {
    assumeTrue(curlAvailable(), "skipped: curl is not installed (Debian package curl)");
    try (LoopbackServer server = LoopbackServer.start(dataDir)) {
      String answer = curl(server, "-H", "Authorization: Digest username=\"ada\"");
      assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
      assertTrue(
          answer.contains("www-authenticate: Bearer realm=\"netlab\", Basic realm=\"netlab\"")
              || answer.contains(
                  "WWW-Authenticate: Bearer realm=\"netlab\", Basic realm=\"netlab\""),
          answer);
      assertTrue(answer.contains("must be 'Bearer TOKEN' or HTTP Basic"), answer);
      String nobody = curl(server);
      assertTrue(nobody.startsWith("HTTP/1.1 200"), "no header: a fault, not an HTTP refusal");
      assertTrue(nobody.contains("<name>faultCode</name><value><i4>401</i4>"), nobody);
    }
  }
}
