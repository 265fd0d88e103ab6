package org.netlab.labs.cli;

import java.io.PrintWriter;

/**
 * Whether output goes to a person: progress bars ({@link ProgressBar}) are drawn only on a
 * terminal.
 */
public final class Terminals {
  private Terminals() {}

  /** Standard error when a terminal is attached, else null (no progress in scripts). */
  public static PrintWriter progressWriter() {
    return System.console() == null ? null : new PrintWriter(System.err, true);
  }
}
