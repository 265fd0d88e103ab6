package org.netlab.labs.integrity;

import java.util.Optional;

/**
 * Turns the text of one message into the line or datagram that carries it, and back. One codec
 * serves one conversation, in both directions: {@link #seal} for what this end sends, {@link #open}
 * for what it receives. Each method keeps its own state, so a writer thread may seal while a reader
 * thread opens; neither method may be called by two threads at once.
 */
public interface MessageCodec {
  /** The text to send, encoded; without a line terminator. */
  String seal(String text);

  /**
   * The text of a received line or datagram.
   *
   * @throws IntegrityException when the message must not be shown; the codec stays usable
   */
  String open(String received) throws IntegrityException;

  /** Messages travel as they are: no integrity. */
  static MessageCodec plain() {
    return PlainCodec.INSTANCE;
  }

  /** Messages travel in HMAC-SHA256 frames ({@link HmacFrameCodec}), sealed as {@code self}. */
  static MessageCodec hmac(IntegrityKey key, Role self) {
    return new HmacFrameCodec(key, self);
  }

  /** A fresh codec per conversation: plain without a key, HMAC frames with one. */
  static MessageCodec forKey(Optional<IntegrityKey> key, Role self) {
    return key.map(k -> hmac(k, self)).orElseGet(MessageCodec::plain);
  }

  /** The identity codec. */
  enum PlainCodec implements MessageCodec {
    INSTANCE;

    @Override
    public String seal(String text) {
      return text;
    }

    @Override
    public String open(String received) {
      return received;
    }
  }
}
