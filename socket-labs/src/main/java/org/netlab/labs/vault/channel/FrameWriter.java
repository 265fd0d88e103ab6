package org.netlab.labs.vault.channel;

import java.io.IOException;
import java.io.OutputStream;
import javax.crypto.SecretKey;
import org.netlab.labs.vault.channel.LabChannelProtocol.FrameType;

/**
 * Seals and writes the frames of one direction, numbering them with the counter that becomes each
 * frame's nonce. Not thread-safe; does not flush (the caller does, once per answer or request).
 */
final class FrameWriter {
  private final OutputStream out;
  private final SecretKey key;
  private long counter;

  FrameWriter(OutputStream out, SecretKey key, long firstCounter) {
    this.out = out;
    this.key = key;
    this.counter = firstCounter;
  }

  void write(FrameType type, byte[] body) throws IOException {
    write(type, body, 0, body.length);
  }

  /** Seals {@code type | body[offset, offset+length)} under the next counter and writes it. */
  void write(FrameType type, byte[] body, int offset, int length) throws IOException {
    if (length > LabChannelProtocol.MAX_BODY) {
      throw new IllegalArgumentException(
          "a frame body is at most " + LabChannelProtocol.MAX_BODY + " bytes, got " + length);
    }
    if (counter == -1L) {
      // 2^64 - 1 frames: never reached, but a nonce must never repeat.
      throw new IllegalStateException("frame counter exhausted");
    }
    byte[] plaintext = new byte[1 + length];
    plaintext[0] = type.code();
    System.arraycopy(body, offset, plaintext, 1, length);
    byte[] prefix = lengthPrefix(plaintext.length + LabChannelProtocol.TAG_LENGTH);
    byte[] sealed = LabChannelProtocol.seal(key, counter++, prefix, plaintext, 0, plaintext.length);
    out.write(prefix);
    out.write(sealed);
  }

  void flush() throws IOException {
    out.flush();
  }

  static byte[] lengthPrefix(int length) {
    return new byte[] {
      (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length
    };
  }
}
