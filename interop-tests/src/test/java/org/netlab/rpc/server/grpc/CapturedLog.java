package org.netlab.rpc.server.grpc;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What the server process would print while it is open: every java.util.logging record that reaches
 * the root logger (gRPC logs there), formatted as the JDK's console handler formats it, stack
 * traces included, and everything written to standard error (slf4j-simple writes there). The real
 * standard error still gets it all.
 */
public final class CapturedLog implements AutoCloseable {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final PrintStream originalErr = System.err;
  private final Handler handler;

  private CapturedLog() {
    SimpleFormatter formatter = new SimpleFormatter();
    handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (isLoggable(record)) {
              append(formatter.format(record));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger.getLogger("").addHandler(handler);
    System.setErr(
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
              }

              @Override
              public void write(byte[] bytes, int offset, int length) {
                originalErr.write(bytes, offset, length);
                synchronized (captured) {
                  captured.write(bytes, offset, length);
                }
              }
            },
            true,
            StandardCharsets.UTF_8));
  }

  public static CapturedLog start() {
    return new CapturedLog();
  }

  private void append(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    synchronized (captured) {
      captured.write(bytes, 0, bytes.length);
    }
  }

  public String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  public long bytes() {
    synchronized (captured) {
      return captured.size();
    }
  }

  public long lines() {
    return text().lines().count();
  }

  /**
   * Lets the server log what it will about what just happened, rate-limited summaries included:
   * returns once the log has been quiet for longer than a rate-limiting window.
   */
  public void awaitQuiet() throws InterruptedException {
    long before;
    do {
      before = bytes();
      Thread.sleep(1_500);
    } while (bytes() != before);
  }

  /** True when a stack trace was printed ("\tat ..." frames). */
  public boolean hasStackTrace() {
    return text().lines().anyMatch(line -> line.startsWith("\tat "));
  }

  /** Bytes, lines and the first lines, for assertion messages. */
  String summary() {
    String text = text();
    return bytes()
        + " bytes, "
        + lines()
        + " lines"
        + (hasStackTrace() ? ", with stack traces" : "")
        + "; it begins:\n"
        + text.substring(0, Math.min(text.length(), 3_000));
  }

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(handler);
    System.setErr(originalErr);
  }
}
