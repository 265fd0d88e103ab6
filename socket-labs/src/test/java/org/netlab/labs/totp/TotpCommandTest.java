package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.MutableClock;
import picocli.CommandLine;

@Timeout(30)
class TotpCommandTest {
  private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  private static final Pattern URI_SECRET = Pattern.compile("secret=([A-Z2-7]+)&");

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(59));

  private record Run(int exit, String out, String err) {}

  private Run runWithInput(String stdin, String... args) {
    CommandLine commandLine =
        TotpCommand.commandLine(
            clock, new SecureRandom(), new ByteArrayInputStream(stdin.getBytes(UTF_8)));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run run(String... args) {
    return runWithInput("", args);
  }

  /** The arguments of {@code checkin} for Ada, id 42, at 127.0.0.1:PORT, then {@code more}. */
  private static String[] adaChecksIn(String port, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "checkin", "--host", "127.0.0.1", "--port", port, "--name", "Ada", "--id", "42"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static String secretOf(Run enrolled) {
    Matcher matcher = URI_SECRET.matcher(enrolled.out());
    assertTrue(matcher.find(), enrolled.out());
    return matcher.group(1);
  }

  @Test
  void enrollPrintsTheUriTheQrCodeAndTheSecret() {
    Run run = run("enroll", "--account", "ada", "--issuer", "Lab");
    assertEquals(0, run.exit(), run.err());
    List<String> lines = run.out().lines().toList();
    String secret = secretOf(run);
    assertEquals(
        "otpauth://totp/Lab:ada?secret=" + secret + "&issuer=Lab&algorithm=SHA1&digits=6&period=30",
        lines.getFirst());
    assertEquals(32, secret.length(), "160 bits");
    assertTrue(run.out().contains("█"), "a QR code is drawn");
    assertTrue(run.out().contains("secret: " + secret.replaceAll("(.{4})(?=.)", "$1 ")), run.out());
  }

  @Test
  void twoEnrolmentsGetDifferentSecrets() {
    assertNotEquals(
        secretOf(run("enroll", "--account", "a", "--qr", "none")),
        secretOf(run("enroll", "--account", "a", "--qr", "none")));
  }

  @Test
  void enrollWithAnIdAddsItToAnOwnerOnlySecretsFileOnce() throws IOException {
    Path secrets = dir.resolve("secrets");
    Run first = run("enroll", "--account", "ada", "--id", "42", "--secrets", secrets.toString());
    assertEquals(0, first.exit(), first.err());
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)));
    assertTrue(Files.readString(secrets).contains("\n42 " + secretOf(first) + " SHA1 6 30\n"));

    Run again = run("enroll", "--account", "ada", "--id", "42", "--secrets", secrets.toString());
    assertEquals(ExitCodes.USAGE, again.exit());
    assertEquals(
        "totp enroll: id 42 is already enrolled in "
            + secrets
            + "; remove its line first to enrol it again\n",
        again.err());
    assertEquals("", again.out(), "nothing that looks like success");
  }

  @Test
  void enrollImportsAnExistingSecretButNotAShortOne() {
    Run imported = run("enroll", "--account", "ada", "--secret", RFC_SECRET.toLowerCase());
    assertEquals(0, imported.exit(), imported.err());
    assertEquals(RFC_SECRET, secretOf(imported));

    Run tooShort = run("enroll", "--account", "ada", "--secret", "JBSWY3DPEHPK3PXP");
    assertEquals(2, tooShort.exit());
    assertEquals("totp enroll: a secret must have 128 to 1024 bits, not 80\n", tooShort.err());
  }

  @Test
  void enrollWritesAPngThatDecodesToTheUriAndNeverOverwrites() throws Exception {
    Path png = dir.resolve("ada.png");
    Run run = run("enroll", "--account", "ada", "--png", png.toString(), "--qr", "none");
    assertEquals(0, run.exit(), run.err());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(png)));
    BufferedImage image = ImageIO.read(png.toFile());
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    assertEquals(
        run.out().lines().findFirst().orElseThrow(),
        QrCodeTest.decode(image.getWidth(), image.getHeight(), pixels));

    Run again = run("enroll", "--account", "bob", "--png", png.toString());
    assertEquals(ExitCodes.USAGE, again.exit());
    assertTrue(again.err().contains("already exists"), again.err());
  }

  @Test
  void failedEnrolmentLeavesNothingBehind() throws IOException {
    Path secrets = dir.resolve("secrets");
    Path saved = dir.resolve("ada.secret");
    Path png = dir.resolve("ada.png");
    assertEquals(
        0, run("enroll", "--account", "ada", "--id", "42", "--secrets", secrets.toString()).exit());
    String enrolled = Files.readString(secrets);

    // The id is taken: the new secret file and image are removed again.
    Run taken =
        run(
            "enroll",
            "--account",
            "ada",
            "--id",
            "42",
            "--secrets",
            secrets.toString(),
            "--save-secret",
            saved.toString(),
            "--png",
            png.toString());
    assertEquals(ExitCodes.USAGE, taken.exit());
    assertEquals(false, Files.exists(saved));
    assertEquals(false, Files.exists(png));

    // The image exists: the id is not enrolled.
    Files.writeString(png, "someone else's");
    Run exists =
        run(
            "enroll",
            "--account",
            "bob",
            "--id",
            "43",
            "--secrets",
            secrets.toString(),
            "--png",
            png.toString());
    assertEquals(ExitCodes.USAGE, exists.exit());
    assertEquals(enrolled, Files.readString(secrets));
    assertEquals("someone else's", Files.readString(png));
  }

  @Test
  void secretsWithoutAnIdIsAUsageError() {
    Run run = run("enroll", "--account", "ada", "--secrets", dir.resolve("s").toString());
    assertEquals(2, run.exit());
    assertEquals(
        "totp enroll: --secrets needs --id: the id to enrol the secret under\n", run.err());
  }

  @Test
  void codePrintsTheCurrentCodeAndTheSecondsLeft() {
    // RFC 6238 appendix B: 94287082 at 59 s, the last second of its step.
    Run run = run("code", "--secret", RFC_SECRET, "--digits", "8");
    assertEquals(0, run.exit(), run.err());
    assertEquals("94287082 (1 s left)\n", run.out());
    assertEquals(
        "94287082\n", run("code", "--secret", RFC_SECRET, "--digits", "8", "--quiet").out());
  }

  @Test
  void codeReadsAnOwnerOnlySecretFileAsSavedByEnroll() throws IOException {
    Path saved = dir.resolve("ada.secret");
    Run enrolled =
        run(
            "enroll",
            "--account",
            "ada",
            "--secret",
            RFC_SECRET,
            "--save-secret",
            saved.toString(),
            "--qr",
            "none");
    assertEquals(0, enrolled.exit(), enrolled.err());
    assertEquals("287082 (1 s left)\n", run("code", "--secret-file", saved.toString()).out());

    Files.setPosixFilePermissions(saved, PosixFilePermissions.fromString("rw-r--r--"));
    Run open = run("code", "--secret-file", saved.toString());
    assertEquals(ExitCodes.USAGE, open.exit());
    assertTrue(open.err().contains("chmod 600"), open.err());
  }

  @Test
  void codeNeedsExactlyOneSecret() {
    assertEquals(2, run("code").exit());
    assertEquals(2, run("code", "--secret", RFC_SECRET, "--secret-file", "x").exit());
  }

  @Test
  void checkinExitsZeroOnlyWhenAccepted() throws IOException {
    Path secrets = dir.resolve("secrets");
    OtpSecret secret = OtpSecret.generate(new SecureRandom());
    SecretsFile.add(secrets, new Enrolment("42", secret, OtpParameters.DEFAULT));
    Totp totp = new Totp(OtpParameters.DEFAULT, clock);
    try (CheckInServer server =
        CheckInServer.start(
            new CheckInServer.Config(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                secrets,
                dir.resolve("log"),
                8,
                Duration.ofSeconds(5)),
            clock)) {
      String port = Integer.toString(server.port());
      String code = totp.code(secret);
      Run accepted = run(adaChecksIn(port, "--otp", code));
      assertEquals(new Run(0, "accepted\n", ""), accepted);
      Run replayed = run(adaChecksIn(port, "--otp", code));
      assertEquals(new Run(1, "code already used\n", ""), replayed);

      clock.advance(Duration.ofSeconds(30));
      Run asked = runWithInput(totp.code(secret) + "\n", adaChecksIn(port));
      assertEquals(new Run(0, "accepted\n", "code for id 42: "), asked);
    }
  }

  @Test
  void checkinValidatesBeforeSendingAndReportsAnUnreachableServer() throws IOException {
    Run badName = run("checkin", "--port", "1", "--name", "A&B", "--id", "42", "--otp", "123456");
    assertEquals(new Run(2, "", "totp checkin: name must not contain '&'\n"), badName);

    int freePort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = probe.getLocalPort();
    }
    Run down = run(adaChecksIn(Integer.toString(freePort), "--otp", "123456"));
    assertEquals(3, down.exit());
    assertTrue(
        down.err().startsWith("totp checkin: cannot connect to 127.0.0.1:" + freePort), down.err());
  }
}
