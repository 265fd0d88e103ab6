package org.netlab.rpc.client.cli;

/** The exit codes of {@code rpc-client}, one per class of outcome. */
public final class ExitStatus {
  /** The command did what was asked. */
  public static final int OK = 0;

  /** The service refused the call (the message says why), or a confirmation was declined. */
  public static final int REFUSED = 1;

  /** The command line was wrong; the usage follows the message. */
  public static final int USAGE = 2;

  /** The server could not be reached, trusted or understood, or did not answer in time. */
  public static final int NO_ANSWER = 3;

  /** A defect in this program (sysexits' EX_SOFTWARE). */
  public static final int INTERNAL = 70;

  private ExitStatus() {}
}
