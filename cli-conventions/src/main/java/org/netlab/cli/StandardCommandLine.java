package org.netlab.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

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
   * Applies one-line usage errors, the help layout and the exit-code table at the end of every help
   * to {@code commandLine} and all its subcommands; call it once, when the whole tree is built.
   */
  public static CommandLine configure(CommandLine commandLine) {
    appendExitCodes(commandLine);
    return commandLine
        .setParameterExceptionHandler(new UsageErrors())
        .setUsageHelpWidth(HELP_WIDTH)
        .setUsageHelpLongOptionsMaxWidth(36);
  }

  /** {@link ExitCodes#FOOTER} after whatever footer (examples, say) a command already has. */
  private static void appendExitCodes(CommandLine commandLine) {
    UsageMessageSpec usage = commandLine.getCommandSpec().usageMessage();
    List<String> footer = new ArrayList<>(Arrays.asList(usage.footer()));
    if (footer.isEmpty()) {
      usage.footerHeading("%nExit codes:%n");
    } else {
      footer.addAll(List.of("", "Exit codes:"));
    }
    footer.addAll(Arrays.asList(ExitCodes.FOOTER));
    usage.footer(footer.toArray(String[]::new));
    commandLine.getSubcommands().values().forEach(StandardCommandLine::appendExitCodes);
  }
}
