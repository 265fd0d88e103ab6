package org.netlab.labs.integrity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrityKeyTest {
  @Test
  void shortKeyIsRefusedWithItsSize() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> IntegrityKey.fromHex("0011"));
    assertEquals(
        "key must be 16 to 1024 bytes (32 to 2048 hex digits), got 2 bytes", error.getMessage());
  }

  @Test
  void nonHexKeyIsRefused() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> IntegrityKey.fromHex("xyz"));
    assertEquals(
        "key is not hex: an even number of digits 0-9 and a-f is expected", error.getMessage());
  }

  @Test
  void keyFileErrorNamesTheFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("k"), "abc");
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> IntegrityKey.fromFile(file));
    assertEquals(
        "key file " + file + ": key is not hex: an even number of digits 0-9 and a-f is expected",
        error.getMessage());
  }

  @Test
  void keyNeverShowsInText() {
    IntegrityKey key = IntegrityKey.fromHex("00112233445566778899aabbccddeeff");
    assertEquals("IntegrityKey[16 bytes]", key.toString());
  }
}
