package org.netlab.rpc.contract;

import org.apache.ws.commons.serialize.XMLWriter;
import org.apache.ws.commons.serialize.XMLWriterImpl;
import org.apache.xmlrpc.serializer.BaseXmlWriterFactory;

/**
 * Apache XML-RPC's writer for both sides of the wire, with text written as XML allows. Apache's own
 * writer escapes a character outside the Basic Multilingual Plane as two character references to
 * its surrogates ({@code &#55357;&#56832;} for 😀), which no XML parser accepts, and writes control
 * characters as they are. This one writes every character XML carries as UTF-8, escapes {@code & <
 * >} as Apache does, and writes U+FFFD for what XML cannot carry, so an answer or a fault is always
 * well-formed, whatever the store holds.
 */
public final class XmlRpcTextWriterFactory extends BaseXmlWriterFactory {
  @Override
  protected XMLWriter newXmlWriter() {
    return new TextWriter();
  }

  /** Apache's writer, but for character data. */
  private static final class TextWriter extends XMLWriterImpl {
    @Override
    public void characters(char[] chars, int start, int length) throws org.xml.sax.SAXException {
      super.characters(chars, start, 0); // ends a pending start tag
      if (getWriter() == null) {
        return;
      }
      StringBuilder text = new StringBuilder(length + 16);
      int end = start + length;
      for (int i = start; i < end; ) {
        int c = Character.codePointAt(chars, i, end);
        i += Character.charCount(c);
        switch (c) {
          case '&' -> text.append("&amp;");
          case '<' -> text.append("&lt;");
          case '>' -> text.append("&gt;");
          default -> text.appendCodePoint(XmlText.isXmlChar(c) ? c : XmlText.REPLACEMENT);
        }
      }
      try {
        getWriter().write(text.toString());
      } catch (java.io.IOException e) {
        throw new org.xml.sax.SAXException(e);
      }
    }
  }
}
