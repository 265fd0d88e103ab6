package org.netlab.labs.vault;

/** The port the vault server and its client agree on, in one place. */
public final class VaultPorts {
  /**
   * Where {@code vault-server} listens and where {@code vault} connects when a URL names no port,
   * for {@code https://} and {@code http://} alike: unprivileged, so the server runs without root,
   * and the same on both sides, so the two work together with no port given.
   */
  public static final int DEFAULT = 8444;

  private VaultPorts() {}
}
