package org.netlab.labs.ftp;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes a data connection whose peer stops moving bytes for longer than the data timeout. Socket
 * read timeouts cannot do this: channel reads and all writes ignore them.
 */
public final class StallGuard implements AutoCloseable {
  private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
  private final Thread watcher;
  private volatile boolean stalled;

  private StallGuard(Duration timeout, Runnable onStall) {
    long limit = timeout.toNanos();
    Duration tick = Duration.ofMillis(Math.max(10, timeout.toMillis() / 4));
    watcher =
        Thread.ofVirtual()
            .name("ftp-stall-guard")
            .start(
                () -> {
                  try {
                    while (true) {
                      Thread.sleep(tick);
                      if (System.nanoTime() - lastProgress.get() > limit) {
                        stalled = true;
                        onStall.run();
                        return;
                      }
                    }
                  } catch (InterruptedException e) {
                    // Closed: the transfer ended.
                  }
                });
  }

  public static StallGuard watch(Duration timeout, Runnable onStall) {
    return new StallGuard(timeout, onStall);
  }

  /** Records that bytes moved. */
  public void progress(long bytes) {
    lastProgress.set(System.nanoTime());
  }

  public boolean stalled() {
    return stalled;
  }

  @Override
  public void close() {
    watcher.interrupt();
  }
}
