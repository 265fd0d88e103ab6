package org.netlab.labs.vault.channel;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import org.netlab.labs.vault.channel.ChannelBreachException.Breach;
import org.netlab.labs.vault.channel.LabChannelProtocol.FrameType;

/**
 * Reads and opens the frames of one direction. Each frame must open under the next counter, so a
 * frame that was changed, replayed, reordered or dropped fails its tag. Only then, to name what
 * happened, are the counters just before and after tried: the check itself is the tag.
 */
final class FrameReader {
  /** How many counters before and after the expected one are tried to name a failure. */
  static final int DIAGNOSIS_WINDOW = 64;

  private final InputStream in;
  private final SecretKey key;
  private final long firstCounter;
  private long counter;

  FrameReader(InputStream in, SecretKey key, long firstCounter) {
    this.in = in;
    this.key = key;
    this.firstCounter = firstCounter;
    this.counter = firstCounter;
  }

  /**
   * The next frame, or null when the connection ended cleanly between frames.
   *
   * @throws ChannelBreachException when a frame is oversized, cut short, or does not open under the
   *     next counter
   */
  Frame read() throws IOException {
    byte[] prefix = new byte[4];
    int got = in.readNBytes(prefix, 0, 4);
    if (got == 0) {
      return null;
    }
    if (got < 4) {
      throw truncated("inside a length prefix");
    }
    long length =
        ((prefix[0] & 0xffL) << 24)
            | ((prefix[1] & 0xff) << 16)
            | ((prefix[2] & 0xff) << 8)
            | (prefix[3] & 0xff);
    if (length > LabChannelProtocol.MAX_FRAME_LENGTH
        || length < LabChannelProtocol.MIN_FRAME_LENGTH) {
      throw new ChannelBreachException(
          Breach.OVERSIZED,
          "frame "
              + counter
              + " announces "
              + length
              + " bytes, outside "
              + LabChannelProtocol.MIN_FRAME_LENGTH
              + " to "
              + LabChannelProtocol.MAX_FRAME_LENGTH
              + ": refused unread");
    }
    byte[] sealed = new byte[(int) length];
    if (in.readNBytes(sealed, 0, sealed.length) < sealed.length) {
      throw truncated("inside frame " + counter);
    }
    byte[] plaintext;
    try {
      plaintext = LabChannelProtocol.open(key, counter, prefix, sealed);
    } catch (AEADBadTagException e) {
      throw diagnose(prefix, sealed);
    }
    FrameType type = FrameType.of(plaintext[0]);
    if (type == null) {
      throw new ChannelBreachException(
          Breach.MALFORMED, "frame " + counter + " has unknown type " + (plaintext[0] & 0xff));
    }
    byte[] body = new byte[plaintext.length - 1];
    System.arraycopy(plaintext, 1, body, 0, body.length);
    return new Frame(type, body, counter++);
  }

  /** The next frame, which must be there: the connection may not end here. */
  Frame readRequired(String expected) throws IOException {
    Frame frame = read();
    if (frame == null) {
      throw truncated("before " + expected);
    }
    return frame;
  }

  /**
   * Which counter, if any nearby, the frame was sealed under: a replay, a reordering, or neither.
   */
  private ChannelBreachException diagnose(byte[] prefix, byte[] sealed) {
    for (long earlier = counter - 1;
        earlier >= firstCounter && earlier >= counter - DIAGNOSIS_WINDOW;
        earlier--) {
      if (opens(earlier, prefix, sealed)) {
        return new ChannelBreachException(
            Breach.REPLAYED,
            "frame " + counter + " is a replay of frame " + earlier + ", received already");
      }
    }
    for (long later = counter + 1; later <= counter + DIAGNOSIS_WINDOW; later++) {
      if (opens(later, prefix, sealed)) {
        return new ChannelBreachException(
            Breach.REORDERED,
            "frame "
                + later
                + " arrived where frame "
                + counter
                + " was due: frames reordered or dropped");
      }
    }
    return new ChannelBreachException(
        Breach.TAMPERED,
        "frame "
            + counter
            + " does not authenticate: changed in transit, or not of this connection");
  }

  private boolean opens(long candidate, byte[] prefix, byte[] sealed) {
    try {
      LabChannelProtocol.open(key, candidate, prefix, sealed);
      return true;
    } catch (AEADBadTagException e) {
      return false;
    }
  }

  private ChannelBreachException truncated(String where) {
    return new ChannelBreachException(
        Breach.TRUNCATED, "the connection ended " + where + ": truncated", new EOFException());
  }
}
