package org.netlab.xmlrpc.codec;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * Stops parsing when arrays and structs nest deeper than a limit, before the parser of Apache
 * XML-RPC (which recurses) builds them.
 */
final class NestingLimit extends XMLFilterImpl {
  private final int maxDepth;
  private int depth;

  NestingLimit(XMLReader parent, int maxDepth) {
    super(parent);
    this.maxDepth = maxDepth;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts)
      throws SAXException {
    if (isContainer(localName) && ++depth > maxDepth) {
      throw new SAXException(
          "arrays and structs nest deeper than the limit of " + maxDepth + " levels");
    }
    super.startElement(uri, localName, qName, atts);
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    if (isContainer(localName)) {
      depth--;
    }
    super.endElement(uri, localName, qName);
  }

  private static boolean isContainer(String localName) {
    return "array".equals(localName) || "struct".equals(localName);
  }
}
