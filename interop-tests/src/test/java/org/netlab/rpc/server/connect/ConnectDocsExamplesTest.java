package org.netlab.rpc.server.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.server.LoopbackServer;

/**
 * Every curl example of {@code docs/gateway.md}, run in order against a fresh server with the
 * test's CA and admin token in place of the user's, prints exactly the output the page shows.
 */
@Timeout(120)
class ConnectDocsExamplesTest {
  private static final Path PAGE = Path.of("../docs/gateway.md");

  /** A {@code sh} block followed by the {@code text} block of what it prints. */
  private static final Pattern EXAMPLE =
      Pattern.compile("```sh\\n(.*?)```\\n```text\\n(.*?)```", Pattern.DOTALL);

  private static final String USERS_CA = "~/.local/share/netlab/tls/ca.pem";
  private static final String USERS_SERVER = "https://localhost:8443";

  @TempDir Path dataDir;

  private record Example(String command, String output) {}

  @Test
  void everyCurlExampleOfTheGatewayPagePrintsWhatThePageShows() throws Exception {
    assumeTrue(CurlCall.curlAvailable(), "skipped: curl is not installed (Debian package curl)");
    List<Example> examples = examples(Files.readString(PAGE, StandardCharsets.UTF_8));
    assertTrue(examples.size() >= 6, "the page shows its examples: " + examples.size());
    try (LoopbackServer server = LoopbackServer.start(dataDir)) {
      for (Example example : examples) {
        String command =
            example
                .command()
                .replace(USERS_CA, server.caFile().toString())
                .replace(USERS_SERVER, server.httpsBaseUrl());
        ProcessBuilder shell =
            new ProcessBuilder("bash", "-o", "pipefail", "-c", command).redirectErrorStream(true);
        shell.environment().put("RPC_TOKEN", server.adminToken());
        Process run = shell.start();
        String printed = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(30, TimeUnit.SECONDS), command);
        // The page cannot show whether a last newline was printed.
        assertEquals(example.output().stripTrailing(), printed.stripTrailing(), command);
      }
    }
  }

  private static List<Example> examples(String page) {
    List<Example> examples = new ArrayList<>();
    Matcher found = EXAMPLE.matcher(page);
    while (found.find()) {
      examples.add(new Example(found.group(1), found.group(2)));
    }
    return examples;
  }
}
