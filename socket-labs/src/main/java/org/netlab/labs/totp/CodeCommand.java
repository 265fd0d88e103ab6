package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code totp code}: the current code and how long it lasts, like an authenticator app. */
@Command(
    name = "code",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Prints the current code of a secret and the seconds it has left.")
final class CodeCommand implements Callable<Integer> {
  private final Clock clock;

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  SecretSource source;

  @Mixin OtpOptions otp;

  @Option(names = "--quiet", description = "Print only the code.")
  boolean quiet;

  /** Where the secret comes from. */
  static final class SecretSource {
    @Option(
        names = "--secret",
        paramLabel = "BASE32",
        description = "The Base32 secret (visible to other users in the process list).")
    String secret;

    @Option(
        names = "--secret-file",
        paramLabel = "FILE",
        description = "A file holding the Base32 secret, owner-only (see 'enroll --save-secret').")
    Path secretFile;
  }

  CodeCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws IOException {
    Totp totp = new Totp(otp.parameters(), clock);
    OtpSecret secret =
        source.secret != null ? OtpSecret.fromBase32(source.secret) : read(source.secretFile);
    String code = totp.code(secret);
    long secondsLeft = (totp.remaining().toMillis() + 999) / 1000;
    spec.commandLine().getOut().println(quiet ? code : code + " (" + secondsLeft + " s left)");
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static OtpSecret read(Path file) throws IOException {
    try {
      OwnerOnlyFiles.requireOwnerOnly(file, "secret file");
      return OtpSecret.fromBase32(Files.readString(file, UTF_8));
    } catch (NoSuchFileException e) {
      throw new IOException("secret file " + file + " does not exist", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
