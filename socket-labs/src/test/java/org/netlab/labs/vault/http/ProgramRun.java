package org.netlab.labs.vault.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a program nobody here wrote (curl, wget, Chromium...): its exit code and what it
 * printed, both streams together; it gets no input and at most a minute.
 */
record ProgramRun(int exit, String out) {
  static ProgramRun of(List<String> command) throws IOException, InterruptedException {
    return in(null, command);
  }

  /** Runs {@code command} in {@code workingDirectory} (null: this process's). */
  static ProgramRun in(Path workingDirectory, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (workingDirectory != null) {
      builder.directory(workingDirectory.toFile());
    }
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish");
    }
    return new ProgramRun(process.exitValue(), new String(out, UTF_8));
  }
}
