package org.netlab.labs.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * A one-line progress display for a transfer on a terminal: percentage, bytes, rate and time left,
 * redrawn at most five times a second.
 */
public final class ProgressBar implements LongConsumer {
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final int WIDTH = 24;

  private final PrintWriter out;
  private final String label;
  private final long total;
  private final long start;
  private final long startBytes;
  private long done;
  private long lastDraw;

  /**
   * @param total expected bytes, or -1 when unknown
   * @param already bytes present before this transfer (a resumed download)
   */
  public ProgressBar(PrintWriter out, String label, long total, long already) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.done = already;
    this.startBytes = already;
    this.start = System.nanoTime();
  }

  @Override
  public void accept(long bytes) {
    done += bytes;
    long now = System.nanoTime();
    if (now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      draw(now);
    }
  }

  /** Draws the final state and ends the line. */
  public void finish() {
    draw(System.nanoTime());
    out.println();
    out.flush();
  }

  private void draw(long now) {
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    double rate = (done - startBytes) / seconds;
    StringBuilder line = new StringBuilder("\r").append(label).append(' ');
    if (total > 0) {
      int filled = (int) Math.min(WIDTH, WIDTH * done / total);
      line.append('[')
          .append("#".repeat(filled))
          .append(" ".repeat(WIDTH - filled))
          .append("] ")
          .append(String.format(Locale.ROOT, "%3d%% ", Math.min(100, 100 * done / total)));
    }
    line.append(bytes(done)).append(' ').append(bytes((long) rate)).append("/s");
    if (total > 0 && rate > 0 && done < total) {
      long left = (long) ((total - done) / rate);
      line.append(String.format(Locale.ROOT, " %d:%02d left", left / 60, left % 60));
    }
    out.print(line.append("   "));
    out.flush();
  }

  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String units = "KMGT";
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length() - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %siB", value, units.charAt(unit));
  }
}
