package org.netlab.rpc.server.xmlrpc.codec;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.apache.xmlrpc.util.SAXParsers;
import org.xml.sax.SAXException;

/**
 * Closes the XML attacks Apache XML-RPC 3.1.3 leaves open: as shipped, a DOCTYPE in a request makes
 * the server fetch an external DTD (CVE-2016-5002) and a billion-laughs body burns seconds of CPU.
 * XML-RPC never needs a DOCTYPE, so it is refused outright.
 *
 * <p>The factory is the one Apache XML-RPC shares across every parser in the JVM.
 */
final class XmlRpcParserHardening {
  static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
  static final String LOAD_EXTERNAL_DTD =
      "http://apache.org/xml/features/nonvalidating/load-external-dtd";

  private XmlRpcParserHardening() {}

  static synchronized void apply() {
    SAXParserFactory factory = SAXParsers.getSAXParserFactory();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature(DISALLOW_DOCTYPE, true);
      factory.setFeature(LOAD_EXTERNAL_DTD, false);
      factory.setXIncludeAware(false);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the XML parser cannot be hardened: " + e.getMessage(), e);
    }
  }
}
