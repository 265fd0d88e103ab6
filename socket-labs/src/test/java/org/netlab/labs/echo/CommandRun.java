package org.netlab.labs.echo;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.netlab.labs.chat.ChatClientCommand;
import org.netlab.labs.chat.ChatServerCommand;
import picocli.CommandLine;

/** A command run as a person would: arguments in, exit code and both outputs out. */
public record CommandRun(int exitCode, String out, String err) {
  /** Runs {@code command} on the command line its {@code bin/} launcher gives it. */
  public static CommandRun of(Object command, String... args) {
    CommandLine commandLine =
        switch (command) {
          case EchoClientCommand echo -> EchoClientCommand.commandLine(echo);
          case EchoServerCommand echo -> EchoServerCommand.commandLine(echo);
          case ChatClientCommand chat -> ChatClientCommand.commandLine(chat);
          case ChatServerCommand chat -> ChatServerCommand.commandLine(chat);
          default -> throw new IllegalArgumentException("not an echo or chat command: " + command);
        };
    return of(commandLine, args);
  }

  /** Runs an already built command line. */
  public static CommandRun of(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        commandLine
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new CommandRun(code, out.toString(), err.toString());
  }
}
