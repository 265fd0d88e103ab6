package org.netlab.labs.net;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * What an accept loop does when {@code accept} fails while the server is not closing: out of file
 * descriptors, say, which lasts until connections close. One line, then a pause, so that the loop
 * neither spins on a core nor fills the log while the cause lasts.
 */
public final class AcceptFailures {
  /** Long enough to let connections close, short enough to be unnoticed by the next client. */
  static final Duration PAUSE = Duration.ofMillis(100);

  private AcceptFailures() {}

  public static void pauseAfter(Logger log, String server, IOException failure) {
    log.warn("{}: accept failed, pausing {} ms: {}", server, PAUSE.toMillis(), failure.toString());
    try {
      Thread.sleep(PAUSE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
