package org.netlab.labs.integrity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --key HEX | --key-file FILE} options of the commands that can protect their messages;
 * an argument group, so picocli refuses both at once.
 */
public final class KeyOptions {
  @Option(
      names = "--key",
      paramLabel = "HEX",
      description = {
        "Shared HMAC-SHA256 key in hex (16 to 1024 bytes).",
        "Turns on message integrity. Visible to other local users",
        "in the process list: prefer --key-file."
      })
  private String hex;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description = {"File holding the shared key in hex.", "Turns on message integrity."})
  private Path file;

  /**
   * The key given, if any.
   *
   * @throws IllegalArgumentException when the key is not hex or has the wrong size
   * @throws IOException when the key file cannot be read
   */
  public Optional<IntegrityKey> key() throws IOException {
    if (hex != null) {
      return Optional.of(IntegrityKey.fromHex(hex));
    }
    if (file != null) {
      return Optional.of(IntegrityKey.fromFile(file));
    }
    return Optional.empty();
  }
}
