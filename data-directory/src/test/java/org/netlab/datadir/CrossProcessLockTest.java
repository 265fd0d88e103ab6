package org.netlab.datadir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CrossProcessLockTest {
  @TempDir Path dir;

  @Test
  void anotherThreadWaitsUntilTheLockIsReleased() throws Exception {
    Path lockFile = dir.resolve(".lock");
    CompletableFuture<Void> second;
    try (CrossProcessLock lock = CrossProcessLock.acquire(lockFile)) {
      second =
          CompletableFuture.runAsync(
              () -> {
                try (CrossProcessLock other = CrossProcessLock.acquire(lockFile)) {
                  // held, then released
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(300);
      assertFalse(second.isDone(), "the second thread must wait");
    }
    second.get(10, TimeUnit.SECONDS);
  }

  @Test
  void theLockFileIsOwnerOnlyAndTheLockIsNotReentrant() throws Exception {
    Path lockFile = dir.resolve(".lock");
    try (CrossProcessLock lock = CrossProcessLock.acquire(lockFile)) {
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lockFile)));
      assertThrows(IllegalStateException.class, () -> CrossProcessLock.acquire(lockFile));
    }
    try (CrossProcessLock again = CrossProcessLock.acquire(lockFile)) {
      assertTrue(Files.exists(lockFile));
    }
  }
}
