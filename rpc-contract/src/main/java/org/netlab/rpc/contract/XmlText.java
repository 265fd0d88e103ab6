package org.netlab.rpc.contract;

/**
 * What text XML 1.0 can carry (its {@code Char} production): tab, line feed, carriage return, and
 * every code point from U+0020 except surrogates, U+FFFE and U+FFFF. Both sides of the XML-RPC wire
 * decide with this what they may write.
 */
public final class XmlText {
  /** What is written in place of a character XML cannot carry. */
  public static final int REPLACEMENT = 0xFFFD;

  private XmlText() {}

  /** True when an XML 1.0 document may hold {@code codePoint}. */
  public static boolean isXmlChar(int codePoint) {
    return codePoint == 0x9
        || codePoint == 0xA
        || codePoint == 0xD
        || (codePoint >= 0x20 && codePoint <= 0xD7FF)
        || (codePoint >= 0xE000 && codePoint <= 0xFFFD)
        || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
  }
}
