package org.netlab.xmlrpc.codec;

import org.xml.sax.SAXException;
import org.xml.sax.ext.LexicalHandler;

/**
 * Refuses any DOCTYPE in a message: XML-RPC never needs one, and a DTD is where XML attacks start
 * (external entities that make the reader fetch URLs, CVE-2016-5002; entities that expand
 * exponentially). Aalto reports a DOCTYPE here once it has read the declaration and before the root
 * element, so nothing the DTD declares is ever used; Aalto itself never fetches an external subset
 * and never expands an entity declared in an internal one.
 */
final class DoctypeRefusal implements LexicalHandler {
  static final String MESSAGE = "a DOCTYPE is not allowed in an XML-RPC message";

  @Override
  public void startDTD(String name, String publicId, String systemId) throws SAXException {
    throw new SAXException(MESSAGE);
  }

  @Override
  public void endDTD() {}

  @Override
  public void startEntity(String name) {}

  @Override
  public void endEntity(String name) {}

  @Override
  public void startCDATA() {}

  @Override
  public void endCDATA() {}

  @Override
  public void comment(char[] ch, int start, int length) {}
}
