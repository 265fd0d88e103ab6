package org.netlab.labs.vault.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.echo.CommandRun;
import org.netlab.labs.vault.client.VaultCommand;

/** {@code vault get --channel lab} against the real lab channel server. */
@Timeout(60)
class VaultGetOverLabChannelTest {
  @TempDir Path dir;

  private CommandRun vault(String... args) {
    return CommandRun.of(VaultCommand.commandLine(), args);
  }

  @Test
  void aFileComesWholeOverTheChannelWithThePinnedKey() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      Path out = dir.resolve("big.bin");
      CommandRun run =
          vault(
              "get",
              "--channel",
              "lab",
              "--pin",
              lab.server.publicKey(),
              "http://127.0.0.1:" + lab.server.port() + LabChannelFixture.BIG,
              "-o",
              out.toString());
      assertEquals(0, run.exitCode(), run.toString());
      assertArrayEquals(
          Files.readAllBytes(lab.root.resolve("data/big.bin")), Files.readAllBytes(out));
    }
  }

  @Test
  void aMissingFileIsOneLineAndExitOneAndAnotherKeyIsNoAnswer() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      String url = "http://127.0.0.1:" + lab.server.port();
      CommandRun missing =
          vault(
              "get",
              "--channel",
              "lab",
              "--pin",
              lab.server.publicKey(),
              url + "/nope.txt",
              "-o",
              dir.resolve("nope.txt").toString());
      assertEquals(ExitCodes.REFUSED, missing.exitCode(), missing.toString());
      assertEquals(1, missing.err().lines().count(), missing.err());
      assertTrue(missing.err().contains("404"), missing.err());
      assertFalse(Files.exists(dir.resolve("nope.txt")), "nothing is left for a refusal");

      String otherKey = "A".repeat(43) + "=";
      CommandRun impostor =
          vault(
              "get",
              "--channel",
              "lab",
              "--pin",
              otherKey,
              url + LabChannelFixture.NOTES,
              "-o",
              dir.resolve("notes.txt").toString());
      assertEquals(ExitCodes.NO_ANSWER, impostor.exitCode(), impostor.toString());
      assertFalse(Files.exists(dir.resolve("notes.txt")), "nothing is kept from another key");
    }
  }
}
