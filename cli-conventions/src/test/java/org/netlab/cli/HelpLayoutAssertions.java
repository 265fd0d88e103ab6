package org.netlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import picocli.CommandLine;
import picocli.CommandLine.Help;

/** Checks a tool's help the way a person reads it. */
public final class HelpLayoutAssertions {
  /**
   * Wide enough that no description is wrapped, and narrow enough to lay out fast: picocli's layout
   * costs time in proportion to the width for every option, which at {@code Integer.MAX_VALUE / 4}
   * was tens of seconds for a tool with twenty options. A line longer than this wraps here too,
   * differently from the configured width, so it is still caught.
   */
  private static final int UNBOUNDED_WIDTH = 4096;

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
