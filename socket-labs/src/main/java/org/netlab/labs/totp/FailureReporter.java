package org.netlab.labs.totp;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one line on standard error and an exit code, without a stack trace:
 * {@value #INVALID_INPUT} for input that is wrong (bad secret, name, file content), {@value
 * #IO_FAILURE} for files and network; check-in refusals are {@value #REFUSED} (returned by the
 * command, not thrown). Anything else is a bug and keeps its stack trace.
 */
final class FailureReporter implements IExecutionExceptionHandler, IExitCodeExceptionMapper {
  static final int REFUSED = 1;
  static final int INVALID_INPUT = CommandLine.ExitCode.USAGE;
  static final int IO_FAILURE = 3;

  /** Installs this reporter on a command line and returns it. */
  static CommandLine install(CommandLine commandLine) {
    FailureReporter reporter = new FailureReporter();
    return commandLine.setExecutionExceptionHandler(reporter).setExitCodeExceptionMapper(reporter);
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed)
      throws Exception {
    int code = getExitCode(e);
    if (code == CommandLine.ExitCode.SOFTWARE) {
      throw e;
    }
    commandLine
        .getErr()
        .println(commandLine.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    commandLine.getErr().flush();
    return code;
  }

  @Override
  public int getExitCode(Throwable e) {
    if (e instanceof IllegalArgumentException || e instanceof CommandLine.ParameterException) {
      return INVALID_INPUT;
    }
    if (e instanceof IOException || e instanceof UncheckedIOException) {
      return IO_FAILURE;
    }
    return CommandLine.ExitCode.SOFTWARE;
  }
}
