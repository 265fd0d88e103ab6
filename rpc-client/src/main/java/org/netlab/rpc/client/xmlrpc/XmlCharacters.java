package org.netlab.rpc.client.xmlrpc;

import org.netlab.domain.ServiceException;
import org.netlab.rpc.contract.XmlText;

/**
 * The characters XML 1.0 can carry ({@link XmlText}). A string parameter holding any other is
 * refused before it is sent: written as it is, the server could only answer that the call is not
 * well-formed XML; the refusal says which character is at fault instead.
 */
final class XmlCharacters {
  private XmlCharacters() {}

  /**
   * @throws ServiceException {@code INVALID_ARGUMENT} naming the first character XML cannot carry
   */
  static void requireCarried(Object[] params) {
    for (Object param : params) {
      if (param instanceof String text) {
        requireCarried(text);
      }
    }
  }

  private static void requireCarried(String text) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (!XmlText.isXmlChar(c)) {
        throw ServiceException.invalidArgument(
            String.format(
                "text must not contain %s U+%04X; XML-RPC cannot carry it",
                Character.isISOControl(c) ? "the control character" : "the character", c));
      }
      i += Character.charCount(c);
    }
  }
}
