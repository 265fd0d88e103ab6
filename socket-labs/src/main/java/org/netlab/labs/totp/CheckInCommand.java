package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code totp checkin}: sends {@code name&id&otp} to a check-in server, prints the reply. */
@Command(
    name = "checkin",
    mixinStandardHelpOptions = true,
    description = {
      "Checks in with a code: sends name&id&otp to the server and prints its reply.",
      "Asks for the code on standard input when --otp is not given.",
      "Exits 0 only when the check-in is accepted."
    })
final class CheckInCommand implements Callable<Integer> {
  private final InputStream stdin;

  @Spec CommandSpec spec;

  @Option(
      names = "--host",
      defaultValue = "localhost",
      paramLabel = "HOST",
      description = "Server host (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "" + CheckInProtocol.DEFAULT_PORT,
      paramLabel = "PORT",
      description = "Server port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "Your name, for the record (up to 64 characters, no '&').")
  String name;

  @Option(names = "--id", required = true, paramLabel = "ID", description = "Your enrolled id.")
  String id;

  @Option(
      names = "--otp",
      paramLabel = "CODE",
      description = "The code from your authenticator app; asked for when absent.")
  String otp;

  @Option(
      names = "--timeout",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "Bound on connecting and on waiting for the reply (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  CheckInCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() throws IOException {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("--port must be 1 to 65535");
    }
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--timeout must be at least 1 second");
    }
    String code = otp != null ? otp : askForCode();
    CheckInRequest request = new CheckInRequest(name, id, code.strip());
    String reply =
        new CheckInClient(new InetSocketAddress(host, port), Duration.ofSeconds(timeoutSeconds))
            .checkIn(request);
    PrintWriter out = spec.commandLine().getOut();
    out.println(reply);
    out.flush();
    return Verdict.ACCEPTED.equals(reply) ? 0 : FailureReporter.REFUSED;
  }

  private String askForCode() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    err.print("code for id " + id + ": ");
    err.flush();
    String line = new BufferedReader(new InputStreamReader(stdin, UTF_8)).readLine();
    if (line == null) {
      throw new IllegalArgumentException("no code given (end of input)");
    }
    return line;
  }
}
