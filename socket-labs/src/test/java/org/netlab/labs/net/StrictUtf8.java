package org.netlab.labs.net;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/** Decodes what a server sent, failing the test on anything that is not well-formed UTF-8. */
public final class StrictUtf8 {
  private StrictUtf8() {}

  /**
   * @throws AssertionError naming the bytes when they are not well-formed UTF-8
   */
  public static String decode(byte[] bytes) {
    try {
      return UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("not valid UTF-8: " + Arrays.toString(bytes), e);
    }
  }
}
