package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.labs.PeerProgram;

/**
 * OATH Toolkit's {@code oathtool} (Debian package {@code oathtool}), written independently in C,
 * must compute the same codes as ours for the same secret and time.
 */
@Timeout(60)
class OathtoolInteropTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Path program;

  /**
   * Before each test, not once before all: a failed assumption in {@code @BeforeAll} skips the
   * class without reporting a single test, so the report would not say that anything was skipped.
   */
  @BeforeEach
  void requireOathtool() {
    program = PeerProgram.OATHTOOL.assumeInstalled();
  }

  private String oathtool(List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(program.toString());
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8).strip();
    assertEquals(true, process.waitFor(10, TimeUnit.SECONDS), "oathtool did not finish");
    assertEquals(0, process.exitValue(), "oathtool failed: " + output);
    return output;
  }

  @Test
  void totpCodesMatchForEveryAlgorithmDigitsAndPeriod() throws Exception {
    long[] times = {
      59,
      1_111_111_109,
      1_700_000_000,
      2_000_000_000,
      20_000_000_000L,
      Instant.now().getEpochSecond()
    };
    for (HmacAlgorithm algorithm : HmacAlgorithm.values()) {
      OtpSecret secret = OtpSecret.generate(RANDOM);
      for (int digits = 6; digits <= 8; digits++) {
        for (int period : new int[] {30, 60}) {
          OtpParameters parameters =
              new OtpParameters(algorithm, digits, Duration.ofSeconds(period));
          for (long time : times) {
            Totp ours =
                new Totp(parameters, Clock.fixed(Instant.ofEpochSecond(time), ZoneOffset.UTC));
            String theirs =
                oathtool(
                    List.of(
                        "--totp=" + algorithm.name().toLowerCase(Locale.ROOT),
                        "--base32",
                        "--digits=" + digits,
                        "--time-step-size=" + period + "s",
                        "--now=@" + time,
                        secret.base32()));
            assertEquals(
                theirs,
                ours.code(secret),
                algorithm + " " + digits + " digits " + period + " s at " + time);
          }
        }
      }
    }
  }

  @Test
  void hotpCodesMatchForManyCounters() throws Exception {
    OtpSecret secret = OtpSecret.generate(RANDOM);
    // oathtool prints the codes for counters c .. c+w, one per line.
    List<String> theirs =
        oathtool(List.of("--hotp", "--base32", "--counter=1000", "--window=49", secret.base32()))
            .lines()
            .toList();
    assertEquals(50, theirs.size());
    Hotp ours = new Hotp(HmacAlgorithm.SHA1, 6);
    for (int i = 0; i < theirs.size(); i++) {
      assertEquals(theirs.get(i), ours.generate(secret, 1000 + i), "counter " + (1000 + i));
    }
  }

  @Test
  void oathtoolAcceptsTheSecretAsEnrolled() throws Exception {
    // The Base32 text we hand out (unpadded, as in the URI) is read the same by oathtool.
    OtpSecret secret = OtpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertEquals(
        "94287082",
        oathtool(List.of("--totp", "--base32", "--digits=8", "--now=@59", secret.base32())));
  }
}
