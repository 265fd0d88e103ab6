package org.netlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import picocli.CommandLine;
import picocli.CommandLine.Help;

/** Checks a tool's help the way a person reads it. */
public final class HelpLayoutAssertions {
  /**
   * Wider than any help line, yet small: picocli allocates every cell of its help table at the full
   * column width, so a width near {@code Integer.MAX_VALUE} takes minutes and gigabytes for a
   * command with a few dozen options.
   */
  private static final int UNBOUNDED_WIDTH = 4000;

  private HelpLayoutAssertions() {}

  /**
   * Asserts that picocli wrapped no description, parameter or footer line of {@code commandLine} or
   * its subcommands at the configured width: wrapping is what splits a path or URL in two.
   */
  public static void assertNoHelpLineIsWrapped(CommandLine commandLine) {
    int width = commandLine.getUsageHelpWidth();
    String unbounded = body(commandLine, UNBOUNDED_WIDTH);
    String configured = body(commandLine, width);
    assertEquals(
        unbounded,
        configured,
        commandLine.getCommandSpec().qualifiedName() + " --help wraps a line");
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      assertNoHelpLineIsWrapped(sub);
    }
  }

  private static String body(CommandLine commandLine, int width) {
    commandLine.setUsageHelpWidth(width);
    Help help = commandLine.getHelp();
    return help.description() + help.parameterList() + help.optionList() + help.footer();
  }
}
