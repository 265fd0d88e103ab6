package org.netlab.rpc.server.xmlrpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.XmlRpcRequestConfig;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.apache.xmlrpc.parser.XmlRpcRequestParser;
import org.apache.xmlrpc.server.XmlRpcServerConfigImpl;
import org.apache.xmlrpc.server.XmlRpcStreamServer;
import org.apache.xmlrpc.util.SAXParsers;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Apache XML-RPC's stream server with extensions and exceptions off, a nesting limit on requests,
 * and faults from {@link XmlRpcFaults} only: no Java class name, stack trace or serialized
 * exception ever leaves it.
 *
 * <p>An HTTP layer either hands it a whole exchange ({@link #execute(XmlRpcStreamRequestConfig,
 * org.apache.xmlrpc.common.ServerStreamConnection)}), or parses a body on one thread with {@link
 * #parse} and runs the call on another with {@link #answer}; both give the same bytes.
 */
final class HardenedXmlRpcServer extends XmlRpcStreamServer {
  private final int maxNestingDepth;

  /** How every call is read and answered: no extensions, no exceptions on the wire, UTF-8. */
  private final XmlRpcHttpRequestConfigImpl requestConfig = new XmlRpcHttpRequestConfigImpl();

  /**
   * Building a parser costs more than parsing a call, so each worker thread keeps one; Xerces
   * resets it at the start of every parse.
   */
  private final ThreadLocal<XMLReader> readers = new ThreadLocal<>();

  HardenedXmlRpcServer(XmlRpcMethodTable methods, int maxNestingDepth) {
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
   * its end but does not close it.
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
    try {
      writeResponse(configOf(call), out, result);
    } catch (XmlRpcException e) {
      throw writeFailure(e);
    }
  }

  /**
   * Writes the fault for an error raised by parse (or anything else); {@link XmlRpcFaults} decides
   * what the client sees.
   *
   * @throws IOException only when {@code out} fails
   */
  void answerFault(Throwable error, OutputStream out) throws IOException {
    try {
      writeError(requestConfig, out, error);
    } catch (XmlRpcException e) {
      throw writeFailure(e);
    }
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
    try {
      reader.parse(new InputSource(body));
    } catch (SAXException e) {
      throw XmlRpcFaults.notWellFormed(describe(e));
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

  private XMLReader reader() throws XmlRpcException {
    XMLReader reader = readers.get();
    if (reader == null) {
      reader = SAXParsers.newXMLReader();
      readers.set(reader);
    }
    return reader;
  }

  @Override
  protected void writeError(XmlRpcStreamRequestConfig config, OutputStream out, Throwable error)
      throws XmlRpcException {
    XmlRpcFaults.Fault fault = XmlRpcFaults.of(error);
    try {
      getXmlRpcWriter(config, out).write(config, fault.code(), fault.message());
    } catch (SAXException e) {
      throw new XmlRpcException("cannot write a fault: " + e.getMessage(), e);
    }
  }

  /** Faults are expected answers; {@link XmlRpcFaults} logs the unexpected ones. */
  @Override
  protected void logError(Throwable error) {}

  private XmlRpcStreamRequestConfig configOf(XmlRpcRequest call) {
    return call.getConfig() instanceof XmlRpcStreamRequestConfig config ? config : requestConfig;
  }

  /**
   * Apache's writer wraps the output stream's IOException in a SAXException, then in an
   * XmlRpcException; anything else is a bug.
   */
  private static IOException writeFailure(XmlRpcException e) {
    for (Throwable cause = e; cause != null; cause = next(cause)) {
      if (cause instanceof IOException io) {
        return io;
      }
    }
    throw new IllegalStateException("cannot write an XML-RPC answer: " + e.getMessage(), e);
  }

  private static Throwable next(Throwable failure) {
    if (failure instanceof SAXException sax && sax.getException() != null) {
      return sax.getException();
    }
    return failure.getCause();
  }

  private static String describe(SAXException e) {
    String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
    if (e instanceof SAXParseException at && at.getLineNumber() > 0) {
      return message + " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
    }
    return message;
  }
}
