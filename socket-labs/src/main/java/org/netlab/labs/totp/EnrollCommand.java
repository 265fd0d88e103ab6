package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code totp enroll}: makes a random secret (or imports one), prints its {@code otpauth://} URI
 * and QR code, and optionally enrols it with a check-in server.
 */
@Command(
    name = "enroll",
    aliases = "enrol",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Creates a random 160-bit secret, prints its otpauth:// URI",
      "and draws it as a QR code for an authenticator app.",
      "With --id, also adds it to the check-in server's secrets file."
    })
final class EnrollCommand implements Callable<Integer> {
  private static final int PNG_PIXELS_PER_MODULE = 8;

  private final Clock clock;
  private final SecureRandom random;

  @Spec CommandSpec spec;

  @Option(
      names = "--account",
      required = true,
      paramLabel = "NAME",
      description = "Who the secret is for, as the app shows it (e.g. alice@example.org).")
  String account;

  @Option(
      names = "--issuer",
      defaultValue = "netlab",
      paramLabel = "ISSUER",
      description = "Who issues it, as the app shows it (default: ${DEFAULT-VALUE}).")
  String issuer;

  @Option(
      names = "--secret",
      paramLabel = "BASE32",
      description = "Import this Base32 secret (at least 128 bits) instead of making one.")
  String importedSecret;

  @Mixin OtpOptions otp;

  @Option(
      names = "--qr",
      defaultValue = "ANSI",
      paramLabel = "STYLE",
      description = {
        "Terminal QR code: ANSI (black on white, any terminal),",
        "PLAIN (for light backgrounds), INVERTED (for dark ones",
        "without colours) or NONE (default: ${DEFAULT-VALUE})."
      })
  QrStyleOption qr;

  @Option(
      names = "--png",
      paramLabel = "FILE",
      description = "Also write the QR code as a PNG image (a new, owner-only file).")
  Path png;

  @Option(
      names = "--save-secret",
      paramLabel = "FILE",
      description = {
        "Write the Base32 secret to a new owner-only file,",
        "for 'totp code --secret-file'."
      })
  Path saveSecret;

  @Option(
      names = "--id",
      paramLabel = "ID",
      description = {
        "Enrol the secret under this id (1-32 letters, digits,",
        "'.', '-', '_') in the secrets file."
      })
  String id;

  @Option(
      names = "--secrets",
      paramLabel = "FILE",
      description = {
        "The check-in server's secrets file, created owner-only",
        "(default: " + TotpFiles.DESCRIPTION + "secrets)."
      })
  Path secrets;

  /** The QR styles, plus none. */
  enum QrStyleOption {
    ANSI,
    PLAIN,
    INVERTED,
    NONE
  }

  EnrollCommand(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  @Override
  public Integer call() throws IOException {
    OtpParameters parameters = otp.parameters();
    OtpSecret secret =
        importedSecret == null ? OtpSecret.generate(random) : OtpSecret.fromBase32(importedSecret);
    OtpAuthUri uri = new OtpAuthUri(issuer, account, secret, parameters);
    if (secrets != null && id == null) {
      throw new IllegalArgumentException("--secrets needs --id: the id to enrol the secret under");
    }
    Enrolment enrolment = id == null ? null : new Enrolment(id, secret, parameters);

    // All or nothing: the new files come first (they fail if they exist), the enrolment
    // last, and a failure removes what was created; only then is anything printed.
    List<Path> created = new ArrayList<>();
    try {
      if (saveSecret != null) {
        writeNew(
            saveSecret,
            "secret file",
            out -> out.write((secret.base32() + "\n").getBytes(US_ASCII)));
        created.add(saveSecret);
      }
      if (png != null) {
        QrCode image = QrCode.encode(uri.toString(), QrCode.IMAGE_QUIET_ZONE);
        writeNew(png, "image", out -> image.writePng(out, PNG_PIXELS_PER_MODULE));
        created.add(png);
      }
      if (enrolment != null) {
        Path file = secrets != null ? secrets : TotpFiles.defaultSecrets();
        SecretsFile.add(file, enrolment);
        spec.commandLine().getErr().println("enrolled id " + id + " in " + file);
      }
    } catch (IOException | RuntimeException e) {
      for (Path file : created) {
        Files.deleteIfExists(file);
      }
      throw e;
    }

    PrintWriter out = spec.commandLine().getOut();
    out.println(uri);
    if (qr != QrStyleOption.NONE) {
      out.print(
          QrCode.encode(uri.toString(), QrCode.TERMINAL_QUIET_ZONE)
              .render(QrCode.Style.valueOf(qr.name())));
    }
    out.println(
        "secret: "
            + grouped(secret.base32())
            + "  ("
            + parameters.algorithm().uriName()
            + ", "
            + parameters.digits()
            + " digits, "
            + parameters.period().getSeconds()
            + " s)");
    out.println("current code: " + new Totp(parameters, clock).code(secret));
    out.flush();
    return 0;
  }

  /** Writes a new owner-only file; on failure removes it so no half file remains. */
  private static void writeNew(Path file, String what, Content content) throws IOException {
    OwnerOnlyFiles.createNew(file, what);
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
      content.writeTo(out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  @FunctionalInterface
  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Groups of four, as apps show secrets for typing. */
  private static String grouped(String base32) {
    return base32.replaceAll("(.{4})(?=.)", "$1 ");
  }
}
