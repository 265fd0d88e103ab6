package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PidFileTest {
  private static final String MY_PID = ProcessHandle.current().pid() + "\n";

  @TempDir Path dir;

  @Test
  void acquiringWritesOurPidAndClosingRemovesIt() throws IOException {
    Path path = dir.resolve("run/fingerd.pid");
    try (PidFile pid = PidFile.acquire(path)) {
      assertEquals(MY_PID, Files.readString(path, US_ASCII));
      pid.close();
      assertFalse(Files.exists(path));
    }
  }

  @Test
  void fileHeldByALiveProcessIsRefusedAndLeftAlone() throws IOException {
    Path path = dir.resolve("fingerd.pid");
    try (PidFile first = PidFile.acquire(path)) {
      PidFile.HeldException e =
          assertThrows(PidFile.HeldException.class, () -> PidFile.acquire(path));
      assertTrue(
          e.getMessage().contains("held by running process " + ProcessHandle.current().pid()),
          e.getMessage());
      assertEquals(MY_PID, Files.readString(path, US_ASCII));
    }
  }

  // 2147483647 is above Linux's largest pid_max (2^22), so never a live process.
  @ParameterizedTest
  @ValueSource(strings = {"2147483647\n", "garbage"})
  void fileLeftByADeadProcessOrHoldingNoPidIsTakenOver(String content) throws IOException {
    Path path = dir.resolve("fingerd.pid");
    Files.writeString(path, content, US_ASCII);
    try (PidFile pid = PidFile.acquire(path)) {
      assertEquals(MY_PID, Files.readString(path, US_ASCII));
    }
  }

  @Test
  void closingDoesNotRemoveAFileSomeoneElseNowHolds() throws IOException {
    Path path = dir.resolve("fingerd.pid");
    PidFile pid = PidFile.acquire(path);
    Files.writeString(path, "1\n", US_ASCII);
    pid.close();
    pid.close();
    assertEquals("1\n", Files.readString(path, US_ASCII));
  }
}
