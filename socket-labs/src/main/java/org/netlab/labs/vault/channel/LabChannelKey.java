package org.netlab.labs.vault.channel;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.netlab.datadir.CrossProcessLock;
import org.netlab.datadir.OwnerOnlyFiles;
import org.netlab.labs.cli.InvalidFileException;

/**
 * The server's static X25519 key pair, kept in a file: the private key as PKCS#8 PEM (RFC 8410, so
 * {@code openssl pkey -in FILE -pubout} reads it), owner-only, created on the first start like the
 * TLS CA. Clients pin the public key, given as {@link #publicKeyBase64()}. {@link #toString()}
 * shows only the public key.
 */
public final class LabChannelKey {
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";
  private static final Set<PosixFilePermission> SHARED =
      EnumSet.of(
          PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private final PrivateKey privateKey;
  private final byte[] publicKey;

  private LabChannelKey(PrivateKey privateKey) {
    this.privateKey = privateKey;
    this.publicKey = X25519.publicOf(privateKey);
  }

  /** A new key pair kept in memory only: for tests. */
  public static LabChannelKey generate() {
    KeyPair pair = X25519.generate();
    return new LabChannelKey(pair.getPrivate());
  }

  /**
   * The key kept in {@code file}, created (with its directory, owner-only) when there is none.
   * Servers started at once on one file agree on one key: creation holds a lock across processes.
   *
   * @throws InvalidFileException when the file is open to group or others, or is not an X25519
   *     private key in PKCS#8 PEM; the message names the file
   */
  public static LabChannelKey loadOrCreate(Path file) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    OwnerOnlyFiles.createDirectories(directory);
    Path lockFile = directory.resolve("." + file.getFileName() + ".lock");
    try (CrossProcessLock lock = CrossProcessLock.acquire(lockFile)) {
      if (Files.exists(file)) {
        return load(file);
      }
      LabChannelKey key = generate();
      String pem =
          BEGIN
              + "\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'})
                  .encodeToString(key.privateKey.getEncoded())
              + "\n"
              + END
              + "\n";
      OwnerOnlyFiles.writeAtomically(file, pem.getBytes(US_ASCII));
      return key;
    }
  }

  private static LabChannelKey load(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.stream().anyMatch(SHARED::contains)) {
        throw new InvalidFileException(
            "lab channel key "
                + file
                + " is open to group or others (mode "
                + PosixFilePermissions.toString(permissions)
                + "): treat it as leaked, remove it to make a new key (clients must pin the new"
                + " one), or run: chmod 600 "
                + file);
      }
    }
    if (Files.size(file) > 4096) {
      throw new InvalidFileException("lab channel key " + file + " is too large to be a key");
    }
    String text = Files.readString(file, US_ASCII).strip();
    if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
      throw new InvalidFileException(
          "lab channel key " + file + " is not a PEM private key (" + BEGIN + ")");
    }
    try {
      byte[] der =
          Base64.getMimeDecoder()
              .decode(text.substring(BEGIN.length(), text.length() - END.length()));
      PrivateKey key =
          KeyFactory.getInstance("X25519").generatePrivate(new PKCS8EncodedKeySpec(der));
      return new LabChannelKey(key);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new InvalidFileException(
          "lab channel key " + file + " is not an X25519 private key: " + e.getMessage(), e);
    }
  }

  /** The public key, 32 raw bytes, as clients pin it. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The public key in standard base64 (44 characters): what to give clients to pin. */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKey);
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  /**
   * A pinned key given in standard base64.
   *
   * @throws IllegalArgumentException when it is not base64 of 32 bytes
   */
  public static byte[] parsePinned(String base64) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the server key to pin is not base64", e);
    }
    if (raw.length != X25519.KEY_LENGTH) {
      throw new IllegalArgumentException(
          "the server key to pin is "
              + X25519.KEY_LENGTH
              + " bytes in base64 (44 characters), got "
              + raw.length
              + " bytes");
    }
    return raw;
  }

  @Override
  public String toString() {
    return "LabChannelKey[public " + publicKeyBase64() + "]";
  }
}
