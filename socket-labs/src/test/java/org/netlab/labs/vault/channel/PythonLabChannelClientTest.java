package org.netlab.labs.vault.channel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.PeerProgram;

/**
 * A client nobody here wrote against our server: {@code src/test/python/vault_channel_fetch.py},
 * written from docs/vault-channel.md with Python's {@code cryptography} package. Skipped, saying
 * why, when python3 or the package (Debian {@code python3-cryptography}) is missing.
 */
@Timeout(60)
class PythonLabChannelClientTest {
  private static final Path SCRIPT = Path.of("src/test/python/vault_channel_fetch.py");

  @TempDir Path dir;
  private Path python3;

  private record Run(int exit, String out) {}

  @BeforeEach
  void needsPythonWithCryptography() throws Exception {
    python3 = PeerProgram.PYTHON3.assumeInstalled();
    Run probe =
        run(
            List.of(
                python3.toString(),
                "-c",
                "from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305;"
                    + " from cryptography.hazmat.primitives.asymmetric.x25519 import"
                    + " X25519PrivateKey; X25519PrivateKey.generate()"));
    assumeTrue(
        probe.exit() == 0,
        "Python's cryptography package with X25519 and ChaCha20-Poly1305 is not installed"
            + " (Debian package python3-cryptography): this independent client's test is skipped");
  }

  private static Run run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish");
    }
    return new Run(process.exitValue(), new String(out, UTF_8));
  }

  private Run fetch(LabChannelFixture lab, String key, String path, Path out) throws Exception {
    return run(
        List.of(
            python3.toString(),
            SCRIPT.toAbsolutePath().toString(),
            "127.0.0.1",
            Integer.toString(lab.port()),
            key,
            path,
            out.toString()));
  }

  @Test
  void pythonHandshakesAndDownloadsFilesWhole() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      for (String path :
          List.of(LabChannelFixture.BIG, LabChannelFixture.NOTES, LabChannelFixture.EMPTY)) {
        Path out = dir.resolve("got.bin");
        Run python = fetch(lab, lab.key(), path, out);
        assertEquals(0, python.exit(), python.out());
        assertEquals("200 OK\n" + lab.sha256Of(path) + "\n", python.out());
        assertEquals(lab.sha256Of(path), LabChannelFixture.sha256(Files.readAllBytes(out)));
      }
    }
  }

  @Test
  void pythonReadsTheLabsRefusals() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      Run missing = fetch(lab, lab.key(), "/missing.txt", dir.resolve("x"));
      assertEquals(0, missing.exit(), missing.out());
      assertEquals("404 no such file\n", missing.out());
      Run directory = fetch(lab, lab.key(), "/data", dir.resolve("x"));
      assertEquals("403 directories are not listed here\n", directory.out());
    }
  }

  @Test
  void pythonWithAWrongPinFailsTheHandshake() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      Run wrong =
          fetch(
              lab,
              LabChannelKey.generate().publicKeyBase64(),
              LabChannelFixture.NOTES,
              dir.resolve("x"));
      assertEquals(2, wrong.exit(), wrong.out());
      assertEquals(
          "channel failed: handshake failed: the server does not hold the pinned key\n",
          wrong.out());
      lab.assertServes(LabChannelFixture.NOTES);
    }
  }
}
