package org.netlab.labs.vault.channel;

import java.io.IOException;

/**
 * The lab channel stopped because what arrived is not what the peer sent, or not from the peer it
 * must be: the connection is closed and nothing more is read from it. {@link #breach()} says which
 * check failed; the message says it to a person.
 */
public final class ChannelBreachException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Which check failed. */
  public enum Breach {
    /**
     * The server's confirmation did not verify: it does not hold the private key of the pinned
     * public key (a wrong pin, or someone in the middle), or the hello was damaged.
     */
    HANDSHAKE_FAILED,
    /** A frame does not authenticate under any nearby counter: its bytes were changed. */
    TAMPERED,
    /** A frame authenticates under a counter already used: a copy of an earlier frame. */
    REPLAYED,
    /** A frame authenticates under a later counter: frames were reordered, or one was dropped. */
    REORDERED,
    /** The connection ended before the end frame, or inside a frame. */
    TRUNCATED,
    /** A length prefix above the limit (or below a tag): refused before anything is read. */
    OVERSIZED,
    /** An authentic frame that breaks the protocol (a type out of place): a faulty peer. */
    MALFORMED
  }

  private final Breach breach;

  public ChannelBreachException(Breach breach, String message) {
    super(message);
    this.breach = breach;
  }

  public ChannelBreachException(Breach breach, String message, Throwable cause) {
    super(message, cause);
    this.breach = breach;
  }

  public Breach breach() {
    return breach;
  }
}
