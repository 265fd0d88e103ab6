package org.netlab.rpc.server.xmlrpc;

import com.fasterxml.aalto.sax.SAXParserFactoryImpl;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.XmlRpcRequestConfig;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.apache.xmlrpc.parser.XmlRpcRequestParser;
import org.apache.xmlrpc.server.XmlRpcServerConfigImpl;
import org.apache.xmlrpc.server.XmlRpcStreamServer;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Apache XML-RPC's stream server with extensions and exceptions off, a nesting limit on requests,
 * and faults from {@link XmlRpcFaults} only: no Java class name, stack trace or serialized
 * exception ever leaves it. Requests are parsed with Aalto rather than the JDK's Xerces, and
 * double, int, boolean and string answers are written by {@link ScalarResponseWriter}; both cost a
 * fraction of Apache's own path, with the same bytes on the wire.
 *
 * <p>An HTTP layer either hands it a whole exchange ({@link #execute(XmlRpcStreamRequestConfig,
 * org.apache.xmlrpc.common.ServerStreamConnection)}), or parses a body on one thread with {@link
 * #parse} and runs the call on another with {@link #answer}; both give the same bytes.
 */
final class HardenedXmlRpcServer extends XmlRpcStreamServer {
  private static final String LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";
  private static final String UTF32_REFUSED =
      "the body is encoded in UTF-32, which this server does not read; send UTF-8";

  /**
   * Aalto's SAX parser, namespace-aware, for requests. Xerces, the JDK's, costs far more per call:
   * it resets its whole configuration, detects the XML version and consults a security manager on
   * every parse. Aalto never fetches a DTD and never expands an entity a DTD declares.
   */
  private static final SAXParserFactory REQUEST_PARSERS = requestParsers();

  private final int maxNestingDepth;

  /** How every call is read and answered: no extensions, no exceptions on the wire, UTF-8. */
  private final XmlRpcHttpRequestConfigImpl requestConfig = new XmlRpcHttpRequestConfigImpl();

  /** One parser per worker thread: Aalto starts every parse afresh, so a parser is reusable. */
  private final ThreadLocal<XMLReader> readers = new ThreadLocal<>();

  HardenedXmlRpcServer(XmlRpcMethodTable methods, int maxNestingDepth) {
    // Requests no longer go through Apache's shared parser factory, but XML-RPC clients in the
    // same JVM still do.
    XmlRpcParserHardening.apply();
    this.maxNestingDepth = maxNestingDepth;
    XmlRpcServerConfigImpl config = new XmlRpcServerConfigImpl();
    config.setEnabledForExtensions(false);
    config.setEnabledForExceptions(false);
    config.setEncoding(XmlRpcServerConfigImpl.UTF8_ENCODING);
    setConfig(config);
    setHandlerMapping(methods);
    requestConfig.setEnabledForExtensions(false);
    requestConfig.setEnabledForExceptions(false);
    requestConfig.setEncoding(XmlRpcHttpRequestConfigImpl.UTF8_ENCODING);
  }

  /**
   * Parses one methodCall; malformed or hostile bodies raise the matching fault. Reads the body to
   * its end, or to the first error, and closes it.
   *
   * @throws XmlRpcException a fault for {@link #answerFault}: not well formed (-32700) for
   *     malformed XML, a DOCTYPE, nesting over the limit or a body that cannot be read
   */
  XmlRpcRequest parse(InputStream body) throws XmlRpcException {
    return getRequest(requestConfig, body);
  }

  /**
   * Runs a parsed call through the handler mapping; writes its methodResponse or fault. Failures of
   * the call itself become faults.
   *
   * @throws IOException only when {@code out} fails
   */
  void answer(XmlRpcRequest call, OutputStream out) throws IOException {
    Object result;
    try {
      result = execute(call);
    } catch (Throwable failure) {
      // As Apache's stream server does: whatever the call threw is answered as a fault.
      answerFault(failure, out);
      return;
    }
    writeResult(configOf(call), out, result);
  }

  /**
   * Writes the fault for an error raised by parse (or anything else); {@link XmlRpcFaults} decides
   * what the client sees.
   *
   * @throws IOException only when {@code out} fails
   */
  void answerFault(Throwable error, OutputStream out) throws IOException {
    writeFault(requestConfig, out, error);
  }

  /** Runs a call with its method from the table, skipping Apache's synchronized worker pool. */
  @Override
  public Object execute(XmlRpcRequest request) throws XmlRpcException {
    return getHandlerMapping().getHandler(request.getMethodName()).execute(request);
  }

  @Override
  protected XmlRpcRequest getRequest(XmlRpcStreamRequestConfig config, InputStream body)
      throws XmlRpcException {
    XmlRpcRequestParser parser = new XmlRpcRequestParser(config, getTypeFactory());
    XMLReader reader = new NestingLimit(reader(), maxNestingDepth);
    reader.setContentHandler(parser);
    LeadingBytes leading = new LeadingBytes(body);
    try {
      reader.parse(new InputSource(leading));
    } catch (SAXException e) {
      throw XmlRpcFaults.notWellFormed(leading.startAsUtf32() ? UTF32_REFUSED : describe(e));
    } catch (IOException e) {
      throw XmlRpcFaults.notWellFormed("the body could not be read: " + e.getMessage());
    }
    List<?> params = parser.getParams() == null ? List.of() : parser.getParams();
    String methodName = parser.getMethodName();
    return new XmlRpcRequest() {
      @Override
      public XmlRpcRequestConfig getConfig() {
        return config;
      }

      @Override
      public String getMethodName() {
        return methodName;
      }

      @Override
      public int getParameterCount() {
        return params.size();
      }

      @Override
      public Object getParameter(int index) {
        return params.get(index);
      }
    };
  }

  private XMLReader reader() {
    XMLReader reader = readers.get();
    if (reader == null) {
      try {
        reader = REQUEST_PARSERS.newSAXParser().getXMLReader();
        reader.setProperty(LEXICAL_HANDLER, new DoctypeRefusal());
      } catch (ParserConfigurationException | SAXException e) {
        throw new IllegalStateException("cannot build an XML parser: " + e.getMessage(), e);
      }
      readers.set(reader);
    }
    return reader;
  }

  private static SAXParserFactory requestParsers() {
    SAXParserFactory factory = new SAXParserFactoryImpl();
    factory.setNamespaceAware(true);
    factory.setValidating(false);
    return factory;
  }

  @Override
  protected void writeResponse(XmlRpcStreamRequestConfig config, OutputStream out, Object result)
      throws XmlRpcException {
    try {
      writeResult(config, out, result);
    } catch (IOException e) {
      throw new XmlRpcException("cannot write an XML-RPC answer: " + e.getMessage(), e);
    }
  }

  @Override
  protected void writeError(XmlRpcStreamRequestConfig config, OutputStream out, Throwable error)
      throws XmlRpcException {
    try {
      writeFault(config, out, error);
    } catch (IOException e) {
      throw new XmlRpcException("cannot write a fault: " + e.getMessage(), e);
    }
  }

  /**
   * Writes a methodResponse: a scalar straight as bytes, anything else through Apache's writer,
   * into a buffer first so that a value it cannot write (a bug in a method) becomes an INTERNAL
   * fault instead of half an answer.
   */
  private void writeResult(XmlRpcStreamRequestConfig config, OutputStream out, Object result)
      throws IOException {
    if (writesAsScalarResponseWriter(config) && ScalarResponseWriter.write(result, out)) {
      return;
    }
    ByteArrayOutputStream answer = new ByteArrayOutputStream(512);
    try {
      getXmlRpcWriter(config, answer).write(config, result);
    } catch (SAXException | XmlRpcException e) {
      writeFault(
          config, out, new IllegalStateException("cannot write an answer: " + e.getMessage(), e));
      return;
    }
    answer.writeTo(out);
  }

  /** Whether Apache's writer would write what {@link ScalarResponseWriter} writes. */
  private static boolean writesAsScalarResponseWriter(XmlRpcStreamRequestConfig config) {
    return !config.isEnabledForExtensions()
        && (config.getEncoding() == null
            || XmlRpcHttpRequestConfigImpl.UTF8_ENCODING.equals(config.getEncoding()));
  }

  /**
   * Writes the fault {@link XmlRpcFaults} makes of an error, with Apache's writer.
   *
   * @throws IOException only when {@code out} fails, which Apache's writer wraps in a SAXException
   */
  private void writeFault(XmlRpcStreamRequestConfig config, OutputStream out, Throwable error)
      throws IOException {
    XmlRpcFaults.Fault fault = XmlRpcFaults.of(error);
    try {
      getXmlRpcWriter(config, out).write(config, fault.code(), fault.message());
    } catch (SAXException e) {
      if (e.getException() instanceof IOException failed) {
        throw failed;
      }
      throw new IllegalStateException("cannot write a fault: " + e.getMessage(), e);
    } catch (XmlRpcException e) {
      throw new IllegalStateException("cannot write a fault: " + e.getMessage(), e);
    }
  }

  /** Faults are expected answers; {@link XmlRpcFaults} logs the unexpected ones. */
  @Override
  protected void logError(Throwable error) {}

  private XmlRpcStreamRequestConfig configOf(XmlRpcRequest call) {
    return call.getConfig() instanceof XmlRpcStreamRequestConfig config ? config : requestConfig;
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
