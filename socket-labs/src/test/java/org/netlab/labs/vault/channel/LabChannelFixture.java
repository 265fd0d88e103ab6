package org.netlab.labs.vault.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.netlab.labs.vault.VaultRoot;

/**
 * A lab channel server on 127.0.0.1 over a vault of known files: {@code /notes.txt} (small), {@code
 * /data/big.bin} (200,000 bytes: a status, four data frames and the end frame), {@code
 * /data/exact.bin} (two full data frames), {@code /empty.txt}, {@code /secret} (no extension: 400)
 * and {@code /data} (a directory: 403).
 */
final class LabChannelFixture implements AutoCloseable {
  static final String NOTES = "/notes.txt";
  static final String BIG = "/data/big.bin";
  static final String EXACT = "/data/exact.bin";
  static final String EMPTY = "/empty.txt";

  final Path root;
  final LabChannelServer server;

  private LabChannelFixture(Path root, LabChannelServer server) {
    this.root = root;
    this.server = server;
  }

  static LabChannelFixture start(Path dir) throws IOException {
    return start(dir, Duration.ofSeconds(5));
  }

  static LabChannelFixture start(Path dir, Duration handshakeTimeout) throws IOException {
    return start(dir, handshakeTimeout, Duration.ofSeconds(10));
  }

  static LabChannelFixture start(Path dir, Duration handshakeTimeout, Duration idleTimeout)
      throws IOException {
    Path root = dir.resolve("vault");
    Files.createDirectories(root.resolve("data"));
    Files.writeString(root.resolve("notes.txt"), "the vault's notes\n", StandardCharsets.UTF_8);
    Files.write(root.resolve("data/big.bin"), random(200_000, 1));
    Files.write(root.resolve("data/exact.bin"), random(2 * LabChannelProtocol.MAX_BODY, 2));
    Files.write(root.resolve("empty.txt"), new byte[0]);
    Files.writeString(root.resolve("secret"), "not served");
    LabChannelSettings settings =
        new LabChannelSettings(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            dir.resolve("data-dir").resolve(LabChannelSettings.KEY_FILE),
            16,
            handshakeTimeout,
            idleTimeout);
    LabChannelServer server =
        new LabChannelServer(settings, new VaultRoot(root, VaultRoot.DEFAULT_EXTENSIONS)).start();
    return new LabChannelFixture(root, server);
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new SplittableRandom(seed).nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String sha256Of(String path) throws IOException {
    return sha256(Files.readAllBytes(root.resolve(path.substring(1))));
  }

  int port() {
    return server.port();
  }

  String key() {
    return server.publicKey();
  }

  /** A fetch straight from the server, checked whole: the server still serves. */
  void assertServes(String path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LabChannelClient.Reply reply =
        LabChannelClient.fetch("127.0.0.1", port(), key(), path, out, Duration.ofSeconds(10));
    assertEquals(LabStatus.OK, reply.status());
    assertEquals(sha256Of(path), sha256(out.toByteArray()));
  }

  @Override
  public void close() {
    server.close();
  }
}
