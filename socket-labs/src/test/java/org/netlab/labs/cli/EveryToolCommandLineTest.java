package org.netlab.labs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.HelpLayoutAssertions;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.chat.ChatClientCommand;
import org.netlab.labs.chat.ChatServerCommand;
import org.netlab.labs.echo.CommandRun;
import org.netlab.labs.echo.EchoClientCommand;
import org.netlab.labs.echo.EchoServerCommand;
import org.netlab.labs.finger.FingerCommand;
import org.netlab.labs.finger.FingerDaemonCommand;
import org.netlab.labs.ftp.client.FtpClientCommand;
import org.netlab.labs.ftp.server.FtpServerCommand;
import org.netlab.labs.pay.PayServerCommand;
import org.netlab.labs.pay.peer.PayCommand;
import org.netlab.labs.totp.CheckInServerCommand;
import org.netlab.labs.totp.TotpCommand;
import org.netlab.labs.vault.VaultServerCommand;
import org.netlab.labs.vault.client.VaultCommand;
import picocli.CommandLine;

/**
 * What the socket-lab tools have in common, checked on each as its {@code bin/} launcher builds it:
 * {@code --version}, the exit-code table in the help, help that wraps no line, one-line usage
 * errors, and the one duration grammar. Nothing here binds a port: every run ends at parsing.
 */
class EveryToolCommandLineTest {
  /** A tool, how its launcher builds it, and one of its duration options (command words first). */
  private record Tool(String name, Supplier<CommandLine> commandLine, List<String> durationOption) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static InputStream noInput() {
    return new ByteArrayInputStream(new byte[0]);
  }

  static Stream<Arguments> tools() {
    return Stream.of(
            new Tool("finger", FingerCommand::commandLine, List.of("--timeout")),
            new Tool(
                "fingerd",
                () -> FingerDaemonCommand.commandLine(new FingerDaemonCommand()),
                List.of("--idle-timeout")),
            new Tool("ftp", FtpClientCommand::commandLine, List.of("ls", "--timeout")),
            new Tool(
                "ftpd",
                () -> FtpServerCommand.commandLine(new FtpServerCommand()),
                List.of("--data-timeout")),
            new Tool(
                "echo-client",
                () -> EchoClientCommand.commandLine(new EchoClientCommand(noInput())),
                List.of("--timeout")),
            new Tool(
                "echo-server",
                () -> EchoServerCommand.commandLine(new EchoServerCommand()),
                List.of("--idle-timeout")),
            new Tool(
                "chat-client",
                () -> ChatClientCommand.commandLine(new ChatClientCommand(noInput())),
                List.of("--timeout")),
            new Tool(
                "chat-server",
                () -> ChatServerCommand.commandLine(new ChatServerCommand(noInput())),
                List.of("--too-slow-after")),
            new Tool(
                "totp",
                () -> TotpCommand.commandLine(Clock.systemUTC(), new SecureRandom(), noInput()),
                List.of("checkin", "--timeout")),
            new Tool(
                "totp-server",
                () -> CheckInServerCommand.commandLine(new CheckInServerCommand()),
                List.of("--idle-timeout")),
            new Tool(
                "vault-server",
                () -> VaultServerCommand.commandLine(new VaultServerCommand()),
                List.of("--idle-timeout")),
            new Tool("vault", VaultCommand::commandLine, List.of("ls", "--timeout")),
            new Tool(
                "pay-server",
                () -> PayServerCommand.commandLine(new PayServerCommand()),
                List.of("--presence-timeout")),
            new Tool("pay", PayCommand::commandLine, List.of("send", "--lifetime")))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("tools")
  void versionNamesTheToolAndTheProjectVersion(Tool tool) {
    CommandRun run = CommandRun.of(tool.commandLine().get(), "--version");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(
        tool.name() + " " + VersionProvider.projectVersion(),
        run.out().lines().findFirst().orElseThrow());
    assertTrue(run.out().lines().skip(1).findFirst().orElseThrow().startsWith("Java "), run.out());
  }

  @ParameterizedTest
  @MethodSource("tools")
  void helpEndsWithTheExitCodeTableAndWrapsNoLine(Tool tool) {
    CommandRun run = CommandRun.of(tool.commandLine().get(), "--help");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    String table = "Exit codes:\n" + String.join("\n", ExitCodes.FOOTER) + "\n";
    assertTrue(run.out().endsWith(table), run.out());
    HelpLayoutAssertions.assertNoHelpLineIsWrapped(tool.commandLine().get());
  }

  @ParameterizedTest
  @MethodSource("tools")
  void anUnknownOptionIsOneLineAndWhereTheHelpIs(Tool tool) {
    CommandRun run = CommandRun.of(tool.commandLine().get(), "--frobnicate");
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertEquals(
        tool.name() + ": Unknown option: '--frobnicate'\n" + "try '" + tool.name() + " --help'\n",
        run.err());
    assertEquals("", run.out());
  }

  @ParameterizedTest
  @MethodSource("tools")
  void aZeroDurationIsAUsageErrorThatShowsHowToWriteOne(Tool tool) {
    List<String> words = tool.durationOption();
    String option = words.getLast();
    String[] args = Stream.concat(words.stream(), Stream.of("0")).toArray(String[]::new);
    CommandRun run = CommandRun.of(tool.commandLine().get(), args);
    assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
    String command =
        String.join(
            " ",
            Stream.concat(Stream.of(tool.name()), words.stream().limit(words.size() - 1)).toList());
    assertEquals(
        tool.name()
            + ": Invalid value for option '"
            + option
            + "': '0' is not a positive duration; write for example 500ms, 10s or 2m\n"
            + "try '"
            + command
            + " --help'\n",
        run.err());
  }

  private static String defaultPort(CommandLine commandLine) {
    CommandLine.Model.OptionSpec port = commandLine.getCommandSpec().findOption("--port");
    return port.defaultValue() != null
        ? port.defaultValue()
        : String.valueOf((Object) port.initialValue());
  }

  @org.junit.jupiter.api.Test
  void everyClientConnectsByDefaultWhereItsServerListensByDefault() {
    assertEquals(
        defaultPort(FtpServerCommand.commandLine(new FtpServerCommand())),
        String.valueOf(org.netlab.labs.ftp.client.FtpUrl.parse("ftp://localhost/").port()));
    assertEquals(
        defaultPort(EchoServerCommand.commandLine(new EchoServerCommand())),
        defaultPort(EchoClientCommand.commandLine(new EchoClientCommand(noInput()))));
    assertEquals(
        defaultPort(ChatServerCommand.commandLine(new ChatServerCommand(noInput()))),
        defaultPort(ChatClientCommand.commandLine(new ChatClientCommand(noInput()))));
    CommandLine totp = TotpCommand.commandLine(Clock.systemUTC(), new SecureRandom(), noInput());
    assertEquals(
        defaultPort(CheckInServerCommand.commandLine(new CheckInServerCommand())),
        defaultPort(totp.getSubcommands().get("checkin")));
    assertEquals(
        defaultPort(FingerDaemonCommand.commandLine(new FingerDaemonCommand())),
        FingerCommand.commandLine()
            .getCommandSpec()
            .findOption("--port")
            .description()[0]
            .replaceAll("\\D*(\\d+).*", "$1"));
  }
}
