package org.netlab.labs.echo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.netlab.labs.PeerProgram;

/** Runs Debian's {@code nc} (netcat-openbsd), an echo client nobody here wrote. */
final class Netcat {
  private Netcat() {}

  /** Skips the calling test, saying why, when nc is not installed. */
  static void assumeInstalled() {
    PeerProgram.NC.assumeInstalled();
  }

  /** Sends {@code input} and returns all nc printed; nc's own options before host and port. */
  static String run(String input, int port, String... options)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PeerProgram.NC.assumeInstalled().toString()));
    command.addAll(List.of(options));
    command.addAll(List.of("127.0.0.1", Integer.toString(port)));
    Process nc = new ProcessBuilder(command).redirectErrorStream(true).start();
    nc.getOutputStream().write(input.getBytes(UTF_8));
    nc.getOutputStream().close();
    String output = new String(nc.getInputStream().readAllBytes(), UTF_8);
    assertTrue(nc.waitFor(10, TimeUnit.SECONDS), "nc did not exit");
    return output;
  }
}
