package org.netlab.rpc.client.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code rpc-client} as a person would, with standard input, output and error captured. */
final class Cli {
  /** What one run left behind. */
  record Run(int exitCode, String out, String err) {}

  private final ServiceConnector connector;
  private Map<String, String> environment = Map.of();
  private String stdin = "";
  private boolean terminal;

  private Cli(ServiceConnector connector) {
    this.connector = connector;
  }

  static Cli with(ServiceConnector connector) {
    return new Cli(connector);
  }

  Cli environment(Map<String, String> environment) {
    this.environment = environment;
    return this;
  }

  Cli stdin(String text) {
    this.stdin = text;
    return this;
  }

  /** Makes standard output count as a terminal, as for a person at a shell. */
  Cli terminal() {
    this.terminal = true;
    return this;
  }

  Run run(String... args) {
    CommandContext context =
        new CommandContext(
            connector,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            environment,
            terminal);
    CommandLine commandLine = RpcClientCommand.commandLine(context, args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }
}
