package org.netlab.rpc.server;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Lines about one kind of event, at most {@code linesPerWindow} in each window; the lines beyond
 * are counted, and one summary line reports the count when the window ends. A flood of events
 * therefore costs a few lines a second, and none is lost from the count. Shared by the endpoints,
 * so that what clients cause, or an outage every call runs into, never floods the log.
 */
public final class RateLimitedLog {
  private final Logger log;
  private final String suppressedWhat;
  private final int linesPerWindow;
  private final Duration window;

  private long windowStart = System.nanoTime();
  private int linesInWindow;
  private long suppressed;
  private boolean summaryScheduled;
  private Consumer<String> summaryLevel;

  /**
   * @param suppressedWhat what the summary counts, as in "312 more {@code suppressedWhat} in the
   *     last 1 s"
   */
  public RateLimitedLog(Logger log, String suppressedWhat, int linesPerWindow, Duration window) {
    this.log = log;
    this.suppressedWhat = suppressedWhat;
    this.linesPerWindow = linesPerWindow;
    this.window = window;
  }

  /** Logs {@code line} at info level unless this window's lines are spent. */
  public void info(String line) {
    if (log.isInfoEnabled()) {
      limited(line, log::info);
    }
  }

  /** Logs {@code line} at error level unless this window's lines are spent. */
  public void error(String line) {
    if (log.isErrorEnabled()) {
      limited(line, log::error);
    }
  }

  /** Logs {@code line} at warn level unless this window's lines are spent. */
  public void warn(String line) {
    if (log.isWarnEnabled()) {
      limited(line, log::warn);
    }
  }

  private void limited(String line, Consumer<String> write) {
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
          summaryLevel = write;
          CompletableFuture.delayedExecutor(window.toMillis(), TimeUnit.MILLISECONDS)
              .execute(this::summarize);
        }
        return;
      }
      linesInWindow++;
    }
    write.accept(line);
  }

  private void summarize() {
    long count;
    Consumer<String> write;
    synchronized (this) {
      count = suppressed;
      write = summaryLevel;
      suppressed = 0;
      summaryScheduled = false;
    }
    if (count > 0) {
      // At the level of the lines it stands for, so that it shows wherever they do.
      write.accept(count + " more " + suppressedWhat + " in the last " + window.toSeconds() + " s");
    }
  }
}
