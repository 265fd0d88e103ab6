package org.netlab.rpc.client.xmlrpc;

import java.io.ByteArrayInputStream;
import java.util.Map;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.parser.XmlRpcResponseParser;
import org.netlab.xmlrpc.codec.MalformedMessageException;
import org.netlab.xmlrpc.codec.ScalarResponse;
import org.netlab.xmlrpc.codec.XmlRpcDialect;
import org.netlab.xmlrpc.codec.XmlRpcMessageReader;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;

/**
 * One methodResponse as read: a result, or a fault's code and string. A scalar answer as the server
 * writes it is read without a parser ({@link ScalarResponse}); any other is read by Apache
 * XML-RPC's response parser fed by {@link XmlRpcMessageReader} (Aalto, no DOCTYPE, bounded
 * nesting), with one change: a fault's {@code faultCause} member is ignored, where Apache's parser
 * would deserialize it as a Java object whatever the configuration (CVE-2019-17570).
 *
 * @param result the result of a successful call (null for a fault)
 * @param fault whether the server answered a fault
 * @param faultCode the fault's code (0 for a result)
 * @param faultString the fault's message, empty when it sent none (null for a result)
 */
record XmlRpcAnswer(Object result, boolean fault, int faultCode, String faultString) {
  /**
   * Reads a methodResponse.
   *
   * @throws MalformedMessageException when the body is not a well-formed methodResponse, holds a
   *     DOCTYPE, nests over the limit, or is a fault without an int faultCode
   */
  static XmlRpcAnswer read(XmlRpcMessageReader reader, byte[] body)
      throws MalformedMessageException {
    Object scalar = ScalarResponse.read(body);
    if (scalar != null) {
      return new XmlRpcAnswer(scalar, false, 0, null);
    }
    FaultCauseIgnoringParser parser = new FaultCauseIgnoringParser();
    reader.read(new ByteArrayInputStream(body), parser);
    if (parser.inFault) {
      return new XmlRpcAnswer(null, true, parser.faultCode, parser.faultString);
    }
    try {
      return new XmlRpcAnswer(parser.getResult(), false, 0, null);
    } catch (XmlRpcException e) {
      // Apache's parsers declare it but only hand back what they read.
      throw new IllegalStateException("cannot take the result: " + e.getMessage(), e);
    }
  }

  /** Apache's response parser, which hands a fault's struct to this class instead of its own. */
  private static final class FaultCauseIgnoringParser extends XmlRpcResponseParser {
    private int depth;
    private boolean inFault;
    private int faultCode;
    private String faultString;

    FaultCauseIgnoringParser() {
      super(XmlRpcDialect.config(), XmlRpcDialect.types());
    }

    @Override
    public void startDocument() throws SAXException {
      super.startDocument();
      depth = 0;
      inFault = false;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      // methodResponse is at depth 1, params or fault at 2.
      if (++depth == 2 && "fault".equals(localName)) {
        inFault = true;
      }
      super.startElement(uri, localName, qName, attributes);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      depth--;
      super.endElement(uri, localName, qName);
    }

    @Override
    protected void addResult(Object value) throws SAXException {
      if (!inFault) {
        super.addResult(value);
        return;
      }
      if (!(value instanceof Map<?, ?> struct && struct.get("faultCode") instanceof Integer code)) {
        throw new SAXException("a fault that is not a struct with an int faultCode");
      }
      faultCode = code;
      faultString = struct.get("faultString") instanceof String text ? text : "";
    }
  }
}
