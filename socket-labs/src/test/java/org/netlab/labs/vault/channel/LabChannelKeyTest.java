package org.netlab.labs.vault.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.PeerProgram;
import org.netlab.labs.cli.InvalidFileException;

/** The server's static key file: created owner-only, read back the same, refused when shared. */
class LabChannelKeyTest {
  @TempDir Path dir;

  @Test
  void theFirstStartCreatesAnOwnerOnlyPemFileTheNextReadsBack() throws Exception {
    Path file = dir.resolve("data").resolve(LabChannelSettings.KEY_FILE);
    LabChannelKey created = LabChannelKey.loadOrCreate(file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertTrue(Files.readString(file).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    LabChannelKey loaded = LabChannelKey.loadOrCreate(file);
    assertEquals(created.publicKeyBase64(), loaded.publicKeyBase64());
    assertEquals(44, loaded.publicKeyBase64().length());
    assertTrue(loaded.toString().contains(loaded.publicKeyBase64()));
  }

  @Test
  void opensslReadsTheKeyFileAndDerivesThePublicKeyClientsPin() throws Exception {
    Path openssl = PeerProgram.OPENSSL.assumeInstalled();
    Path file = dir.resolve(LabChannelSettings.KEY_FILE);
    LabChannelKey key = LabChannelKey.loadOrCreate(file);
    Process process =
        new ProcessBuilder(
                openssl.toString(), "pkey", "-in", file.toString(), "-pubout", "-outform", "DER")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] der = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue());
    // SubjectPublicKeyInfo of X25519 (RFC 8410): 12 bytes of header, then the raw key.
    assertEquals(44, der.length);
    assertArrayEquals(key.publicKey(), Arrays.copyOfRange(der, 12, 44));
  }

  @Test
  void aKeyFileOthersCanReadIsRefused() throws Exception {
    Path file = dir.resolve(LabChannelSettings.KEY_FILE);
    LabChannelKey.loadOrCreate(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    InvalidFileException e =
        assertThrows(InvalidFileException.class, () -> LabChannelKey.loadOrCreate(file));
    assertTrue(
        e.getMessage().contains("is open to group or others (mode rw-r--r--)"), e.getMessage());
  }

  @Test
  void aFileThatIsNotAKeyIsRefusedNamingIt() throws Exception {
    Path file = dir.resolve(LabChannelSettings.KEY_FILE);
    Files.writeString(file, "not a key\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    InvalidFileException e =
        assertThrows(InvalidFileException.class, () -> LabChannelKey.loadOrCreate(file));
    assertTrue(e.getMessage().startsWith("lab channel key " + file), e.getMessage());
  }
}
