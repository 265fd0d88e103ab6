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
import org.netlab.cli.DurationConverter;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code totp checkin}: sends {@code name&id&otp} to a check-in server, prints the reply. */
@Command(
    name = "checkin",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
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
      defaultValue = "10s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = {
        "Bound on connecting and on waiting for the reply",
        "(500ms, 10s, 1m; default: ${DEFAULT-VALUE})."
      })
  Duration timeout;

  CheckInCommand(InputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public Integer call() throws IOException {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("--port must be 1 to 65535");
    }
    String code = otp != null ? otp : askForCode();
    CheckInRequest request = new CheckInRequest(name, id, code.strip());
    String reply = new CheckInClient(new InetSocketAddress(host, port), timeout).checkIn(request);
    PrintWriter out = spec.commandLine().getOut();
    out.println(reply);
    out.flush();
    return Verdict.ACCEPTED.equals(reply) ? ExitCodes.OK : ExitCodes.REFUSED;
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
