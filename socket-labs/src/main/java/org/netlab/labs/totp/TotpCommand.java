package org.netlab.labs.totp;

import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.cli.LabCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bin/totp}: enrol a secret, show the current code, check in. */
@Command(
    name = "totp",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Time-based one-time passwords (RFC 6238): enrol, show codes, check in.")
public final class TotpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The command line with its subcommands, built on the given clock, randomness and input. */
  public static CommandLine commandLine(Clock clock, SecureRandom random, InputStream stdin) {
    CommandLine commandLine =
        new CommandLine(new TotpCommand())
            .addSubcommand(new EnrollCommand(clock, random))
            .addSubcommand(new CodeCommand(clock))
            .addSubcommand(new CheckInCommand(stdin))
            .setCaseInsensitiveEnumValuesAllowed(true);
    return LabCommandLine.configure(commandLine, LabCommandLine.Side.CLIENT);
  }

  public static void main(String[] args) {
    System.exit(commandLine(Clock.systemUTC(), new SecureRandom(), System.in).execute(args));
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "give a command: enroll, code or checkin");
  }
}
