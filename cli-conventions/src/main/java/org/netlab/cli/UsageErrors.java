package org.netlab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line that does not parse gets one line saying what is wrong, a "did you mean" when
 * picocli has one, and where the help is; the help itself is not printed, so the line is not buried
 * under it. Exit code {@link ExitCodes#USAGE}.
 */
public final class UsageErrors implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println(commandLine.getCommandSpec().root().name() + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("try '" + commandLine.getCommandSpec().qualifiedName() + " --help'");
    err.flush();
    return ExitCodes.USAGE;
  }
}
