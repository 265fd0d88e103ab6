package org.netlab.rpc.server.grpc;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Info lines about one kind of event, at most {@code linesPerWindow} in each window; the lines
 * beyond are counted, and one summary line reports the count when the window ends. A flood of
 * events therefore costs a few lines a second, and none is lost from the count.
 */
final class RateLimitedLog {
  private final Logger log;
  private final String suppressedWhat;
  private final int linesPerWindow;
  private final Duration window;

  private long windowStart = System.nanoTime();
  private int linesInWindow;
  private long suppressed;
  private boolean summaryScheduled;

  /**
   * @param suppressedWhat what the summary counts, as in "312 more {@code suppressedWhat} in the
   *     last 1 s"
   */
  RateLimitedLog(Logger log, String suppressedWhat, int linesPerWindow, Duration window) {
    this.log = log;
    this.suppressedWhat = suppressedWhat;
    this.linesPerWindow = linesPerWindow;
    this.window = window;
  }

  /** Logs {@code line} at info level unless this window's lines are spent. */
  void info(String line) {
    if (!log.isInfoEnabled()) {
      return;
    }
    synchronized (this) {
      long now = System.nanoTime();
      if (now - windowStart >= window.toNanos()) {
        windowStart = now;
        linesInWindow = 0;
      }
      if (linesInWindow >= linesPerWindow) {
        suppressed++;
        if (!summaryScheduled) {
          summaryScheduled = true;
          CompletableFuture.delayedExecutor(window.toMillis(), TimeUnit.MILLISECONDS)
              .execute(this::summarize);
        }
        return;
      }
      linesInWindow++;
    }
    log.info(line);
  }

  private void summarize() {
    long count;
    synchronized (this) {
      count = suppressed;
      suppressed = 0;
      summaryScheduled = false;
    }
    if (count > 0) {
      log.info("{} more {} in the last {} s", count, suppressedWhat, window.toSeconds());
    }
  }
}
