package org.netlab.labs.integrity;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import org.apache.commons.codec.DecoderException;
import org.apache.commons.codec.binary.Hex;

/**
 * Seals each message as one ASCII frame {@code SEQ SP TEXT SP TAG}: a decimal sequence number that
 * starts at 1 and grows by one per message in each direction, the UTF-8 text in standard base64
 * (RFC 4648, padded), and the lowercase hex HMAC-SHA256 of {@code ROLE SP SEQ SP TEXT} where ROLE
 * is the sender's letter ({@code C} or {@code S}, see {@link Role}). A received frame is shown only
 * if its tag verifies (compared in constant time) and its sequence number is above the last one
 * accepted from the peer; a gap is allowed (a lost UDP datagram), a repeat or a step back is not.
 * Text that is not UTF-8 is refused too, rather than shown with replacement characters.
 */
public final class HmacFrameCodec implements MessageCodec {
  /** The tag is an HMAC-SHA256 in hex: 64 digits. */
  public static final int TAG_HEX_DIGITS = 64;

  private static final int MAX_SEQUENCE_DIGITS = 19;

  private final Role self;
  private final Mac sealMac;
  private final Mac openMac;
  private long lastSent;
  private long lastAccepted;

  HmacFrameCodec(IntegrityKey key, Role self) {
    this.self = self;
    this.sealMac = newMac(key);
    this.openMac = newMac(key);
  }

  /** How long a frame for a text of {@code textBytes} UTF-8 bytes is, at most. */
  public static int frameLength(int textBytes) {
    return MAX_SEQUENCE_DIGITS + 1 + 4 * ((textBytes + 2) / 3) + 1 + TAG_HEX_DIGITS;
  }

  @Override
  public String seal(String text) {
    long sequence = ++lastSent;
    String signed = sequence + " " + Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
    return signed + " " + Hex.encodeHexString(tag(sealMac, self, signed));
  }

  @Override
  public String open(String received) throws IntegrityException {
    if (!received.chars().allMatch(c -> c >= ' ' && c <= '~')) {
      throw new IntegrityException("not a frame: characters outside printable ASCII");
    }
    int lastSpace = received.lastIndexOf(' ');
    int firstSpace = received.indexOf(' ');
    if (firstSpace < 0 || firstSpace == lastSpace) {
      throw new IntegrityException("not a frame: three fields separated by spaces expected");
    }
    String signed = received.substring(0, lastSpace);
    byte[] tag = parseTag(received.substring(lastSpace + 1));
    long sequence = parseSequence(received.substring(0, firstSpace));
    // The tag first: nothing about an unauthenticated frame, its number included, counts.
    if (!MessageDigest.isEqual(tag(openMac, self.peer(), signed), tag)) {
      throw new IntegrityException("tag does not verify");
    }
    if (sequence <= lastAccepted) {
      throw new IntegrityException(
          "sequence "
              + sequence
              + " not above the last accepted "
              + lastAccepted
              + ": replayed or reordered");
    }
    byte[] text;
    try {
      text = Base64.getDecoder().decode(received.substring(firstSpace + 1, lastSpace));
    } catch (IllegalArgumentException e) {
      throw new IntegrityException("text is not base64");
    }
    String decoded;
    try {
      // Strictly: replacing bad bytes with U+FFFD would make the text longer than what was sent.
      decoded =
          UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(text))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IntegrityException("text is not UTF-8");
    }
    lastAccepted = sequence;
    return decoded;
  }

  private static byte[] parseTag(String hex) throws IntegrityException {
    if (hex.length() != TAG_HEX_DIGITS) {
      throw new IntegrityException("tag is not " + TAG_HEX_DIGITS + " hex digits");
    }
    try {
      return Hex.decodeHex(hex);
    } catch (DecoderException e) {
      throw new IntegrityException("tag is not hex");
    }
  }

  private static long parseSequence(String digits) throws IntegrityException {
    boolean canonical =
        !digits.isEmpty()
            && digits.length() <= MAX_SEQUENCE_DIGITS
            && digits.charAt(0) != '0'
            && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    if (!canonical) {
      throw new IntegrityException("sequence number is not a positive decimal");
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IntegrityException("sequence number out of range");
    }
  }

  private static byte[] tag(Mac mac, Role sender, String signed) {
    return mac.doFinal((sender.letter() + " " + signed).getBytes(US_ASCII));
  }

  private static Mac newMac(IntegrityKey key) {
    try {
      Mac mac = Mac.getInstance(IntegrityKey.ALGORITHM);
      mac.init(key.secretKey());
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
