package org.netlab.rpc.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an independent client's script (Node, Python) as a test does: secrets in its environment,
 * never its arguments, which other users can read; a bound on its time; its output kept apart from
 * its complaints, which a failure shows.
 */
public final class ScriptRun {
  private static final long LIMIT_SECONDS = 90;

  private ScriptRun() {}

  /**
   * Runs {@code command} in {@code work} with {@code environment} added, checks that it ended with
   * status 0, and answers the lines it printed.
   */
  public static List<String> lines(Path work, Map<String, String> environment, String... command)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile(work, "script-output", ".txt");
    Path errors = Files.createTempFile(work, "script-errors", ".txt");
    ProcessBuilder script =
        new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile());
    script.environment().putAll(environment);
    Process process = script.start();
    boolean ended = process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    String complaints = Files.readString(errors, StandardCharsets.UTF_8);
    assertTrue(ended, () -> "still running after " + LIMIT_SECONDS + " s: " + printed + complaints);
    assertEquals(0, process.exitValue(), () -> printed + complaints);
    return printed.lines().toList();
  }
}
