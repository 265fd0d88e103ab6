package org.netlab.labs.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFileTest {
  @TempDir Path dir;
  private final OtpSecret secret = OtpSecret.generate(new SecureRandom());

  @Test
  void invalidLineStopsOpeningAndNamesTheLineButNotTheSecret() throws IOException {
    Path file = dir.resolve("secrets");
    SecretsFile.add(file, new Enrolment("42", secret, OtpParameters.DEFAULT));
    Files.writeString(file, "43 " + secret.base32() + " MD5 6 30\n", StandardOpenOption.APPEND);
    IOException error = assertThrows(IOException.class, () -> SecretsFile.open(file));
    assertEquals(
        file + " line 3: unknown algorithm 'MD5': expected SHA1, SHA256 or SHA512",
        error.getMessage());
  }

  @Test
  void idEnrolledTwiceIsRefused() throws IOException {
    Path file = dir.resolve("secrets");
    SecretsFile.add(file, new Enrolment("42", secret, OtpParameters.DEFAULT));
    Files.writeString(file, "42 " + secret.base32() + " SHA1 6 30\n", StandardOpenOption.APPEND);
    IOException error = assertThrows(IOException.class, () -> SecretsFile.open(file));
    assertEquals(file + " line 3: id 42 is enrolled twice", error.getMessage());
  }

  @Test
  void brokenEditWhileRunningKeepsTheLastGoodTable() throws IOException {
    Path file = dir.resolve("secrets");
    Enrolment enrolment = new Enrolment("42", secret, OtpParameters.DEFAULT);
    SecretsFile.add(file, enrolment);
    SecretsFile secrets = SecretsFile.open(file);
    Files.writeString(file, "garbage\n", StandardOpenOption.APPEND);
    assertEquals(Optional.of(enrolment), secrets.find("42"));
  }

  @Test
  void linesRoundTripWithTheirParameters() {
    Enrolment enrolment =
        new Enrolment(
            "s-1.x",
            secret,
            new OtpParameters(HmacAlgorithm.SHA512, 8, java.time.Duration.ofSeconds(60)));
    assertEquals(enrolment, Enrolment.parse(enrolment.toLine()));
    assertTrue(enrolment.toLine().endsWith(" SHA512 8 60"));
  }
}
