package org.netlab.rpc.client.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.netlab.rpc.client.RpcConnection;

/**
 * What commands take from the world besides their arguments: the connector to the services,
 * standard input, the environment and whether standard output is a terminal. Passed to their
 * constructors so that tests can supply each one. Output goes through picocli's {@code
 * getOut()}/{@code getErr()}.
 */
public record CommandContext(
    ServiceConnector connector,
    InputStream stdin,
    Map<String, String> environment,
    boolean stdoutIsTerminal) {
  public CommandContext {
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(stdin, "stdin");
    environment = Map.copyOf(environment);
  }

  /** Standard input as lines of text; one reader per command, as it buffers ahead. */
  public BufferedReader stdinReader() {
    return new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
  }

  /** The real process: transports, {@code System.in}, the environment, the console. */
  public static CommandContext system() {
    return new CommandContext(RpcConnection::open, System.in, System.getenv(), consoleIsTerminal());
  }

  // Since JDK 22 System.console() exists even when output is redirected, and
  // Console.isTerminal() tells the two apart; on 21 a null console already says it.
  private static boolean consoleIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
