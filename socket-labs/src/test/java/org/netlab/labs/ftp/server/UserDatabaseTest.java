package org.netlab.labs.ftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDatabaseTest {
  @TempDir Path dir;

  @Test
  void aHashLineRoundTripsThroughTheUsersFile() throws IOException {
    PasswordHash hash = PasswordHash.create("s3cret".toCharArray(), 1000);
    Path file =
        Files.writeString(
            dir.resolve("users"), "# FTP users\n\n" + UserDatabase.entry("alice", hash) + "\n");
    UserDatabase users = UserDatabase.load(file);
    assertTrue(users.verify("alice", "s3cret".toCharArray()));
    assertFalse(users.verify("alice", "S3cret".toCharArray()));
    assertFalse(users.verify("bob", "s3cret".toCharArray()));
  }

  @Test
  void theSamePasswordGetsADifferentSaltEachTime() {
    PasswordHash a = PasswordHash.create("pw".toCharArray(), 1000);
    PasswordHash b = PasswordHash.create("pw".toCharArray(), 1000);
    assertNotEquals(a.encode(), b.encode());
    assertEquals(a, PasswordHash.parse(a.encode()));
    assertTrue(a.encode().startsWith("pbkdf2-sha256:1000:"));
  }

  @Test
  void malformedLinesFailTheLoadWithTheLineNumber() throws IOException {
    Path file = Files.writeString(dir.resolve("users"), "# x\nalice:plaintext-password\n");
    IOException e = assertThrows(IOException.class, () -> UserDatabase.load(file));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void namesWithColonsOrSpacesCannotBeWritten() {
    PasswordHash hash = PasswordHash.create("pw".toCharArray(), 1000);
    assertThrows(IllegalArgumentException.class, () -> UserDatabase.entry("a:b", hash));
    assertThrows(IllegalArgumentException.class, () -> UserDatabase.entry("a b", hash));
  }
}
