package org.netlab.labs.ftp.client;

import java.io.PrintWriter;

/** Whether output goes to a person: progress bars are drawn only on a terminal. */
final class Terminals {
  private Terminals() {}

  /** Standard error when a terminal is attached, else null (no progress in scripts). */
  static PrintWriter progressWriter() {
    return System.console() == null ? null : new PrintWriter(System.err, true);
  }
}
