package org.netlab.cli;

import picocli.CommandLine;

/** The conventions every netlab tool's command line follows, applied in one place. */
public final class StandardCommandLine {
  private StandardCommandLine() {}

  /**
   * Help is laid out this wide so that picocli never wraps a description: its line breaker splits
   * paths and URLs at dots and slashes. Descriptions are written as short lines instead, one array
   * element each.
   */
  public static final int HELP_WIDTH = 160;

  /**
   * Applies one-line usage errors and the help layout to {@code commandLine} and all its
   * subcommands; call it once the whole tree is built.
   */
  public static CommandLine configure(CommandLine commandLine) {
    return commandLine
        .setParameterExceptionHandler(new UsageErrors())
        .setUsageHelpWidth(HELP_WIDTH)
        .setUsageHelpLongOptionsMaxWidth(36);
  }
}
