package org.netlab.xmlrpc.codec;

import com.fasterxml.aalto.sax.SAXParserFactoryImpl;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Feeds one XML-RPC message (a methodCall or a methodResponse) to a SAX handler, typically one of
 * Apache XML-RPC's parsers, with Aalto's SAX parser: any DOCTYPE refused ({@link DoctypeRefusal}),
 * arrays and structs nested no deeper than a limit ({@link NestingLimit}), and every failure a
 * {@link MalformedMessageException} that says what went wrong and where. Safe for any number of
 * threads.
 */
public final class XmlRpcMessageReader {
  private static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";
  private static final String UTF32_REFUSED =
      "the body is encoded in UTF-32, which netlab does not read; send UTF-8";

  /**
   * Aalto's SAX parser, namespace-aware. Xerces, the JDK's, costs far more per call: it resets its
   * whole configuration, detects the XML version and consults a security manager on every parse.
   * Aalto never fetches a DTD and never expands an entity a DTD declares.
   */
  private static final SAXParserFactory PARSERS = parsers();

  private final int maxNestingDepth;

  /** One parser per thread: Aalto starts every parse afresh, so a parser is reusable. */
  private final ThreadLocal<XMLReader> readers =
      ThreadLocal.withInitial(XmlRpcMessageReader::newReader);

  /**
   * @param maxNestingDepth the deepest nesting of arrays and structs read
   */
  public XmlRpcMessageReader(int maxNestingDepth) {
    if (maxNestingDepth <= 0) {
      throw new IllegalArgumentException(
          "maxNestingDepth must be positive, not " + maxNestingDepth);
    }
    this.maxNestingDepth = maxNestingDepth;
  }

  /**
   * Reads the body to its end, or to the first error, and closes it. An error the handler raises (a
   * message that is XML but not XML-RPC) is reported as one of the parser's.
   *
   * @throws MalformedMessageException for malformed XML, a DOCTYPE, nesting over the limit, a body
   *     in UTF-32 or a body that cannot be read
   */
  public void read(InputStream body, ContentHandler handler) throws MalformedMessageException {
    XMLReader reader = new NestingLimit(readers.get(), maxNestingDepth);
    reader.setContentHandler(handler);
    LeadingBytes leading = new LeadingBytes(body);
    try {
      reader.parse(new InputSource(leading));
    } catch (SAXException e) {
      throw new MalformedMessageException(leading.startAsUtf32() ? UTF32_REFUSED : describe(e));
    } catch (IOException e) {
      throw new MalformedMessageException("the body could not be read: " + e.getMessage());
    }
  }

  private static XMLReader newReader() {
    try {
      XMLReader reader = PARSERS.newSAXParser().getXMLReader();
      reader.setProperty(LEXICAL_HANDLER, new DoctypeRefusal());
      return reader;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("cannot build an XML parser: " + e.getMessage(), e);
    }
  }

  private static SAXParserFactory parsers() {
    SAXParserFactory factory = new SAXParserFactoryImpl();
    factory.setNamespaceAware(true);
    factory.setValidating(false);
    return factory;
  }

  /**
   * What went wrong and where. Aalto's own errors carry their position in the exception they wrap,
   * with a message whose second line repeats it; errors raised by the content handler take it from
   * Aalto's locator, which counts columns from 0 where Xerces and the stream exceptions count from
   * 1.
   */
  private static String describe(SAXException e) {
    if (e.getException() instanceof XMLStreamException stream) {
      if (stream.getCause() instanceof IOException unread) {
        return "the body could not be read: " + unread.getMessage();
      }
      String message = firstLine(stream.getMessage());
      Location at = stream.getLocation();
      return at == null || at.getLineNumber() <= 0
          ? message
          : position(message, at.getLineNumber(), at.getColumnNumber());
    }
    String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
    if (e instanceof SAXParseException at && at.getLineNumber() > 0) {
      return position(message, at.getLineNumber(), at.getColumnNumber() + 1);
    }
    return message;
  }

  private static String position(String message, int line, int column) {
    return message + " (line " + line + ", column " + column + ")";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed XML";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  /**
   * Remembers the first four bytes of a body, to tell UTF-32 apart: Aalto cannot decode it and
   * reports it as an unexpected end of input.
   */
  private static final class LeadingBytes extends FilterInputStream {
    private final byte[] first = new byte[4];
    private int seen;

    LeadingBytes(InputStream body) {
      super(body);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && seen < first.length) {
        first[seen++] = (byte) b;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int count = super.read(buffer, offset, length);
      for (int i = 0; i < count && seen < first.length; i++) {
        first[seen++] = buffer[offset + i];
      }
      return count;
    }

    /** Whether the body starts as UTF-32 (UCS-4) does, with or without a byte order mark. */
    boolean startAsUtf32() {
      if (seen < first.length) {
        return false;
      }
      int quartet =
          (first[0] & 0xFF) << 24
              | (first[1] & 0xFF) << 16
              | (first[2] & 0xFF) << 8
              | first[3] & 0xFF;
      return switch (quartet) {
        // Byte order marks, then '<' with no mark, in the four byte orders of UCS-4.
        case 0x0000FEFF, 0xFFFE0000, 0x0000FFFE, 0xFEFF0000 -> true;
        case 0x0000003C, 0x3C000000, 0x00003C00, 0x003C0000 -> true;
        default -> false;
      };
    }
  }
}
