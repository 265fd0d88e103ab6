package org.netlab.labs.echo;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * What an echo server does to the text before sending it back. An answer is never longer than what
 * it answers, so an echo server cannot be used to amplify traffic: bytes that are not UTF-8 come
 * back as they came (never as U+FFFD, three bytes for one), and a character whose transformed form
 * is longer in UTF-8 ({@code ŉ} upper-cased is {@code ʼN}) comes back unchanged.
 */
public enum EchoTransform {
  /** Sends the text back unchanged. */
  AS_IS,
  /** Sends it back upper-cased, in the root locale so the result does not depend on the host. */
  UPPER;

  /** The transformed text; never longer in UTF-8 than {@code text}. */
  public String apply(String text) {
    return this == AS_IS ? text : new String(apply(text.getBytes(UTF_8)), UTF_8);
  }

  /** The transformed bytes; never longer than {@code bytes}. */
  public byte[] apply(byte[] bytes) {
    return apply(bytes, 0, bytes.length);
  }

  /**
   * Transforms each UTF-8 character of the range whose transformed form is no longer; other bytes
   * come back as they were. The result is never longer than {@code length}.
   */
  public byte[] apply(byte[] bytes, int offset, int length) {
    if (this == AS_IS) {
      return Arrays.copyOfRange(bytes, offset, offset + length);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(length);
    int end = offset + length;
    int i = offset;
    while (i < end) {
      int b = bytes[i];
      if (b >= 0 && b < 0x80) {
        // ASCII, most text: only a to z change, and stay one byte.
        out.write(b >= 'a' && b <= 'z' ? b - ('a' - 'A') : b);
        i++;
        continue;
      }
      int size = sequenceLength(bytes, i, end);
      if (size == 0) {
        out.write(bytes[i]);
        i++;
        continue;
      }
      byte[] transformed =
          new String(bytes, i, size, UTF_8).toUpperCase(Locale.ROOT).getBytes(UTF_8);
      if (transformed.length <= size) {
        out.write(transformed, 0, transformed.length);
      } else {
        out.write(bytes, i, size);
      }
      i += size;
    }
    return out.toByteArray();
  }

  /**
   * The length of the well-formed UTF-8 sequence that starts at {@code i} (The Unicode Standard,
   * table 3-7), or 0 when the byte there does not start one: a stray continuation byte, an overlong
   * form, a surrogate, a truncated sequence, a byte never used in UTF-8.
   */
  private static int sequenceLength(byte[] bytes, int i, int end) {
    int lead = bytes[i] & 0xff;
    if (lead < 0x80) {
      return 1;
    }
    int size;
    int low = 0x80;
    int high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      size = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      size = 3;
      low = lead == 0xe0 ? 0xa0 : 0x80;
      high = lead == 0xed ? 0x9f : 0xbf;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      size = 4;
      low = lead == 0xf0 ? 0x90 : 0x80;
      high = lead == 0xf4 ? 0x8f : 0xbf;
    } else {
      return 0;
    }
    if (end - i < size) {
      return 0;
    }
    int second = bytes[i + 1] & 0xff;
    if (second < low || second > high) {
      return 0;
    }
    for (int k = 2; k < size; k++) {
      int next = bytes[i + k] & 0xff;
      if (next < 0x80 || next > 0xbf) {
        return 0;
      }
    }
    return size;
  }
}
