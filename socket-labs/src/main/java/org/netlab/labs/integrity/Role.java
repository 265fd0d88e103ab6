package org.netlab.labs.integrity;

/**
 * Which end of a conversation sealed a frame. The role's letter goes into every tag, so a frame
 * sent one way cannot be reflected back to its sender as if the peer had sent it.
 */
public enum Role {
  /** The end that opened the conversation: a TCP client, or the first UDP speaker. */
  CLIENT('C'),
  /** The end that accepted it. */
  SERVER('S');

  private final char letter;

  Role(char letter) {
    this.letter = letter;
  }

  /** The letter that starts the authenticated string of a frame sent by this role. */
  public char letter() {
    return letter;
  }

  public Role peer() {
    return this == CLIENT ? SERVER : CLIENT;
  }
}
