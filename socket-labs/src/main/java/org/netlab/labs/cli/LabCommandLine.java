package org.netlab.labs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.StandardCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command line of every socket-lab tool: one-line usage errors and unwrapped help ({@link
 * StandardCommandLine}), the exit-code table in every help footer, and a failure turned into one
 * line {@code tool: message} ({@code tool command: message} for a subcommand) and its exit code.
 * Tests build the tools through here too, so they see what a person sees.
 */
public final class LabCommandLine {
  /** Whether a tool serves or asks: it decides what a plain I/O failure means. */
  public enum Side {
    /** An I/O failure is {@link ExitCodes#NO_ANSWER}: the server did not answer usably. */
    CLIENT,
    /** An I/O failure while starting is {@link ExitCodes#CANNOT_SERVE}. */
    SERVER
  }

  private LabCommandLine() {}

  /** A configured command line for {@code command} and the subcommands it declares. */
  public static CommandLine of(Object command, Side side) {
    return configure(new CommandLine(command), side);
  }

  /** Configures a whole tree; call it once every subcommand is added. */
  public static CommandLine configure(CommandLine commandLine, Side side) {
    Failures failures = new Failures(side);
    commandLine.setExecutionExceptionHandler(failures).setExitCodeExceptionMapper(failures);
    return StandardCommandLine.configure(commandLine);
  }

  /** The exit code for a failure thrown by a tool of {@code side}. */
  static int exitCode(Throwable e, Side side) {
    if (e instanceof ParameterException
        || e instanceof IllegalArgumentException
        || e instanceof InvalidFileException) {
      return ExitCodes.USAGE;
    }
    if (e instanceof RefusedException) {
      return ExitCodes.REFUSED;
    }
    if (e instanceof CannotServeException) {
      return ExitCodes.CANNOT_SERVE;
    }
    if (e instanceof InterruptedException) {
      return ExitCodes.INTERRUPTED;
    }
    if (e instanceof FileSystemException && side == Side.CLIENT) {
      // A local file the command names: the command line has to change.
      return ExitCodes.USAGE;
    }
    if (e instanceof IOException || e instanceof UncheckedIOException) {
      return side == Side.SERVER ? ExitCodes.CANNOT_SERVE : ExitCodes.NO_ANSWER;
    }
    return ExitCodes.INTERNAL;
  }

  /** What the failure says to a person, on one line. */
  public static String describe(Throwable e) {
    Throwable shown =
        e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
    String message = shown.getMessage() == null ? shown.toString() : shown.getMessage();
    String text =
        switch (shown) {
          case ConnectException c -> "cannot connect: " + message;
          case SocketTimeoutException t -> "no answer in time: " + message;
          case UnknownHostException u ->
              message.contains("unknown host") ? message : "unknown host " + message;
          case NoSuchFileException n -> message + ": no such file";
          case AccessDeniedException a -> message + ": permission denied";
          default -> message;
        };
    return text.replaceAll("\\s*\\R\\s*", " ");
  }

  private record Failures(Side side)
      implements IExecutionExceptionHandler, IExitCodeExceptionMapper {
    @Override
    public int getExitCode(Throwable e) {
      return exitCode(e, side);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
      int code = exitCode(e, side);
      PrintWriter err = commandLine.getErr();
      // "totp checkin: ...": which command of a tool failed.
      String tool = commandLine.getCommandSpec().qualifiedName();
      if (code == ExitCodes.INTERNAL) {
        err.println(tool + ": internal error, please report it: " + e);
        e.printStackTrace(err);
      } else if (code == ExitCodes.INTERRUPTED) {
        err.println(tool + ": interrupted");
      } else {
        err.println(tool + ": " + describe(e));
      }
      err.flush();
      return code;
    }
  }
}
