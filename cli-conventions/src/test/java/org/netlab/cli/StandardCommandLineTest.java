package org.netlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

class StandardCommandLineTest {
  @Command(
      name = "tool",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      subcommands = Tool.Sub.class)
  static final class Tool implements Callable<Integer> {
    @Option(
        names = "--timeout",
        converter = DurationConverter.class,
        description = {
          "How long to wait (default: 10s).",
          "Default store: /root/.local/share/netlab/phonebook.db, served at",
          "https://localhost:8443/RPC2 for example."
        })
    Duration timeout = Duration.ofSeconds(10);

    @Override
    public Integer call() {
      return ExitCodes.OK;
    }

    @Command(name = "sub")
    static final class Sub implements Callable<Integer> {
      @Override
      public Integer call() {
        return ExitCodes.OK;
      }
    }
  }

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = StandardCommandLine.configure(new CommandLine(new Tool()));
    commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void aUsageErrorIsOneLineAndWhereTheHelpIs() {
    assertEquals(ExitCodes.USAGE, run("--timeout", "soon"));
    assertEquals(
        "tool: Invalid value for option '--timeout': 'soon' is not a duration; write for example"
            + " 500ms, 10s, 2m or PT1M30S\ntry 'tool --help'\n",
        err.toString().replace(System.lineSeparator(), "\n"));
    assertEquals("", out.toString());
  }

  @Test
  void aMistypedOptionGetsASuggestionAndWhereTheHelpIs() {
    assertEquals(ExitCodes.USAGE, run("--timout=5s"));
    String[] lines = err.toString().split("\\R");
    assertEquals("tool: Unknown option: '--timout=5s'", lines[0]);
    assertTrue(err.toString().contains("--timeout"), err.toString());
    assertEquals("try 'tool --help'", lines[lines.length - 1]);
  }

  @Test
  void versionIsTheToolNameAndTheProjectVersion() {
    assertEquals(ExitCodes.OK, run("--version"));
    String first = out.toString().lines().findFirst().orElseThrow();
    assertEquals("tool " + VersionProvider.projectVersion(), first);
    assertTrue(VersionProvider.projectVersion().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));
  }

  @Test
  void everyHelpEndsWithTheExitCodeTableAfterItsOwnFooter() {
    CommandLine commandLine = StandardCommandLine.configure(new CommandLine(new Tool()));
    String table = "Exit codes:\n" + String.join("\n", ExitCodes.FOOTER) + "\n";
    assertTrue(commandLine.getUsageMessage().endsWith(table), commandLine.getUsageMessage());
    CommandLine sub = commandLine.getSubcommands().get("sub");
    assertTrue(sub.getUsageMessage().endsWith(table), sub.getUsageMessage());

    CommandLine withExamples = new CommandLine(new Tool());
    withExamples
        .getCommandSpec()
        .usageMessage()
        .footerHeading("%nExamples:%n")
        .footer("  tool sub");
    String help = StandardCommandLine.configure(withExamples).getUsageMessage();
    assertTrue(help.endsWith("Examples:\n  tool sub\n\n" + table), help);
  }

  @Test
  void helpKeepsPathsAndUrlsOnOneLine() {
    CommandLine commandLine = StandardCommandLine.configure(new CommandLine(new Tool()));
    HelpLayoutAssertions.assertNoHelpLineIsWrapped(commandLine);
    String help = commandLine.getUsageMessage();
    assertTrue(help.contains("/root/.local/share/netlab/phonebook.db"), help);
    assertTrue(help.contains("https://localhost:8443/RPC2"), help);
  }

  @Test
  @Timeout(5)
  void helpOfAToolWithManyOptionsIsCheckedInAMoment() {
    CommandSpec spec = CommandSpec.create().name("many");
    for (int i = 0; i < 40; i++) {
      spec.addOption(
          OptionSpec.builder("--option-" + i)
              .paramLabel("VALUE")
              .description("What option " + i + " sets (default: none).")
              .build());
    }
    HelpLayoutAssertions.assertNoHelpLineIsWrapped(
        StandardCommandLine.configure(new CommandLine(spec)));
  }

  @Test
  void helpOfANarrowLayoutIsCaughtWrapping() {
    CommandLine commandLine =
        StandardCommandLine.configure(new CommandLine(new Tool())).setUsageHelpWidth(60);
    assertThrows(
        AssertionError.class, () -> HelpLayoutAssertions.assertNoHelpLineIsWrapped(commandLine));
  }
}
