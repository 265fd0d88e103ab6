package org.netlab.rpc.client.xmlrpc;

import java.io.ObjectInputFilter;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.apache.xmlrpc.util.SAXParsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

/**
 * What keeps a hostile server from attacking a client of Apache XML-RPC 3.1.3:
 *
 * <ul>
 *   <li>its client deserializes any {@code faultCause} a server sends, even with extensions off
 *       (CVE-2019-17570): a JVM-wide serialization filter refuses every class (nothing in a netlab
 *       client uses Java serialization);
 *   <li>its shared XML parser would fetch external DTDs and expand entity bombs: DOCTYPE
 *       declarations are refused, as the server side does.
 * </ul>
 */
final class XmlRpcClientHardening {
  private static final Logger log = LoggerFactory.getLogger(XmlRpcClientHardening.class);
  private static boolean applied;

  private XmlRpcClientHardening() {}

  static synchronized void apply() {
    if (applied) {
      return;
    }
    SAXParserFactory factory = SAXParsers.getSAXParserFactory();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setXIncludeAware(false);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the XML parser cannot be hardened: " + e.getMessage(), e);
    }
    if (ObjectInputFilter.Config.getSerialFilter() == null) {
      ObjectInputFilter.Config.setSerialFilter(
          info ->
              info.serialClass() == null
                  ? ObjectInputFilter.Status.UNDECIDED
                  : ObjectInputFilter.Status.REJECTED);
    } else {
      log.warn(
          "a JVM-wide serialization filter is already set; XML-RPC clients rely on it"
              + " to refuse the faultCause a server may send");
    }
    applied = true;
  }
}
