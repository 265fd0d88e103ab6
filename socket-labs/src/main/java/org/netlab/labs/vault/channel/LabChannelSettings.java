package org.netlab.labs.vault.channel;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the lab channel serves.
 *
 * @param bind address and port to listen on (port 0 picks a free one)
 * @param keyFile the server's static key, created on first start (see {@link LabChannelKey})
 * @param maxConnections connections served at once; more are closed unanswered
 * @param handshakeTimeout how long a client has, from connecting, to complete the handshake and
 *     send its whole request, however slowly its bytes trickle in
 * @param idleTimeout how long any one read may wait
 */
public record LabChannelSettings(
    InetSocketAddress bind,
    Path keyFile,
    int maxConnections,
    Duration handshakeTimeout,
    Duration idleTimeout) {
  /** The key file's name in the data directory. */
  public static final String KEY_FILE = "vault-lab-channel.key";

  public static final int DEFAULT_MAX_CONNECTIONS = 64;
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  public LabChannelSettings {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(keyFile, "keyFile");
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1");
    }
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException("handshakeTimeout must be positive");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive");
    }
  }

  /** The defaults, with the key kept as {@value #KEY_FILE} in {@code dataDir}. */
  public static LabChannelSettings of(InetSocketAddress bind, Path dataDir) {
    return new LabChannelSettings(
        bind,
        dataDir.resolve(KEY_FILE),
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_HANDSHAKE_TIMEOUT,
        DEFAULT_IDLE_TIMEOUT);
  }
}
