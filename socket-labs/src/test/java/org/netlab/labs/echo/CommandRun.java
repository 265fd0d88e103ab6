package org.netlab.labs.echo;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** A command run as a person would: arguments in, exit code and both outputs out. */
public record CommandRun(int exitCode, String out, String err) {
  public static CommandRun of(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new CommandRun(code, out.toString(), err.toString());
  }
}
