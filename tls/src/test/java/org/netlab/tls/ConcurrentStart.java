package org.netlab.tls;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server's TLS start-up in a process of its own, for tests that start several at once: loads its
 * classes on a scratch directory, says it is ready, waits for the signal to go, then loads or
 * creates the CA and server files of the shared directory.
 *
 * <p>Arguments: the shared directory, the signal directory (this process writes {@code ready-PID}
 * there and waits for {@code go}), a scratch directory.
 */
public final class ConcurrentStart {
  static final String GO = "go";

  private ConcurrentStart() {}

  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args[0]);
    Path signals = Path.of(args[1]);
    LocalCertificateAuthority.loadOrCreate(Path.of(args[2])).serverFiles();
    Files.createFile(signals.resolve("ready-" + ProcessHandle.current().pid()));
    long giveUp = System.nanoTime() + 60_000_000_000L;
    while (!Files.exists(signals.resolve(GO))) {
      if (System.nanoTime() > giveUp) {
        throw new IllegalStateException("no signal to go");
      }
      Thread.sleep(1);
    }
    LocalCertificateAuthority.loadOrCreate(shared).serverFiles();
  }
}
