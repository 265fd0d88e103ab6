package org.netlab.labs.ftp.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/ftp}: one-shot {@code get}, {@code put} and {@code ls} on ftp:// URLs for scripts, or
 * an interactive shell. Exit codes: 0 done, 1 refused by the server (a 4xx or 5xx reply), 2 usage
 * error, 3 server unreachable or connection failed.
 */
@Command(
    name = "ftp",
    mixinStandardHelpOptions = true,
    description = "FTP client: an interactive shell, or one-shot get, put and ls.",
    subcommands = {GetCommand.class, PutCommand.class, ListCommand.class},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:done",
      "1:refused by the server",
      "2:usage error",
      "3:server unreachable or connection failed"
    })
public final class FtpClientCommand implements Callable<Integer> {
  public static final int REFUSED = 1;
  public static final int USAGE = 2;
  public static final int UNREACHABLE = 3;

  @Mixin FtpConnectionOptions connection;

  @Parameters(
      arity = "0..1",
      paramLabel = "URL",
      description = "Server to open in the shell, e.g. ftp://localhost:2121/")
  String url;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with the exit-code mapping and error printing of {@code bin/ftp}. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new FtpClientCommand());
    cli.setExitCodeExceptionMapper(FtpClientCommand::exitCode);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          err.println("error: " + describe(e));
          err.flush();
          return exitCode(e);
        });
    return cli;
  }

  /** Starts the interactive shell. */
  @Override
  public Integer call() throws IOException {
    FtpUrl target = url == null ? null : FtpUrl.parse(url);
    try (FtpShell shell = new FtpShell(connection)) {
      return shell.run(target);
    }
  }

  static int exitCode(Throwable e) {
    if (e instanceof FtpReplyException) {
      return REFUSED;
    }
    if (e instanceof FtpConnectionOptions.UsageException
        || e instanceof IllegalArgumentException
        || e instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    return UNREACHABLE;
  }

  static String describe(Throwable e) {
    if (e instanceof java.net.ConnectException) {
      return "cannot connect: " + e.getMessage();
    }
    if (e instanceof java.net.SocketTimeoutException) {
      return "no answer in time: " + e.getMessage();
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return e.getMessage() + ": no such local file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return e.getMessage() + ": local permission denied";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
