package org.netlab.cli;

/**
 * The exit codes of every netlab tool, one per class of outcome, so a script can tell them apart
 * whichever tool it runs. The table is in docs/tools.md; {@link #FOOTER} prints it in each tool's
 * help.
 */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;

  /**
   * The other side answered no: the service refused the call, a login or code was rejected, a file
   * or user was not found, or the person declined a confirmation.
   */
  public static final int REFUSED = 1;

  /** The command line, or a file it names, is wrong; the message says what to change. */
  public static final int USAGE = 2;

  /**
   * No usable answer: the server could not be reached, trusted or understood (wrong port, scheme or
   * protocol), or did not answer in time.
   */
  public static final int NO_ANSWER = 3;

  /**
   * A server could not start serving: its port is in use or not allowed, or its data directory or
   * store cannot be used.
   */
  public static final int CANNOT_SERVE = 4;

  /** A defect in the program (sysexits' EX_SOFTWARE): please report it. */
  public static final int INTERNAL = 70;

  /** Stopped by Ctrl-C (128 + SIGINT, as shells report it). */
  public static final int INTERRUPTED = 130;

  /**
   * The launcher in {@code bin/} could not run the tool at all: no JDK 21 or later, or the build of
   * the distribution failed. Outside the tools' own range, as {@code env} and {@code timeout} do.
   */
  public static final int LAUNCHER = 125;

  /** The table for a command's help footer. */
  public static final String[] FOOTER = {
    "  0    done",
    "  1    refused: the other side said no (the message says why)",
    "  2    usage: the command line or a file it names is wrong",
    "  3    no answer: not reachable, not trusted, wrong protocol, or too slow",
    "  4    cannot serve: port in use or not allowed, data directory unusable",
    "  70   a defect in the tool (please report it)",
    "  125  the launcher found no JDK 21+ or could not build the tools",
    "  130  interrupted"
  };

  private ExitCodes() {}
}
