package org.netlab.rpc.client.grpc;

import org.netlab.domain.ServiceException;

/**
 * Protobuf encodes a lone surrogate as {@code ?}, so the server would store other text than the
 * caller gave without a word. Text that is not well-formed Unicode is refused before it is sent,
 * with {@code INVALID_ARGUMENT} naming the field and the surrogate, as the domain words it.
 */
final class WellFormedText {
  private WellFormedText() {}

  static String require(String field, String text) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (c <= Character.MAX_VALUE && Character.isSurrogate((char) c)) {
        throw ServiceException.invalidArgument(
            field + String.format(" must not contain a lone surrogate; found U+%04X", c));
      }
      i += Character.charCount(c);
    }
    return text;
  }
}
