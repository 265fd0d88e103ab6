package org.netlab.rpc.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command line copied from the console in bash, as a person would paste it. */
final class PeerPrograms {
  private PeerPrograms() {}

  static boolean installed(String program) {
    try {
      return new ProcessBuilder("bash", "-c", "command -v " + program)
              .redirectErrorStream(true)
              .start()
              .waitFor()
          == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /**
   * Runs {@code command} in {@code directory} with {@code environment} added, and answers its
   * output; fails the test unless it exits 0.
   */
  static String bash(Path directory, Map<String, String> environment, String command)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", command)
            .directory(directory.toFile())
            .redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), command);
    assertEquals(0, process.exitValue(), command + "\n" + output);
    return output;
  }
}
