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
 */
final class HardenedXmlRpcServer extends XmlRpcStreamServer {
  private final int maxNestingDepth;

  /**
   * Building a parser costs more than parsing a call, so each worker thread keeps one; Xerces
   * resets it at the start of every parse.
   */
  private final ThreadLocal<XMLReader> readers = new ThreadLocal<>();

  private final XmlRpcHttpRequestConfigImpl requestConfig = new XmlRpcHttpRequestConfigImpl();

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

  /** Parses one methodCall; malformed or hostile bodies raise the matching fault. */
  XmlRpcRequest parse(InputStream body) throws XmlRpcException {
    return getRequest(requestConfig, body);
  }

  /** Runs a parsed call through the handler mapping; writes its methodResponse or fault. */
  void answer(XmlRpcRequest call, OutputStream out) throws IOException {
    Object result;
    try {
      result = execute(call);
    } catch (Throwable error) {
      answerFault(error, out);
      return;
    }
    try {
      writeResponse(requestConfig, out, result);
    } catch (XmlRpcException e) {
      throw new IOException("cannot write an answer: " + e.getMessage(), e);
    }
  }

  /** Writes the fault for an error raised by parse (or anything else). */
  void answerFault(Throwable error, OutputStream out) throws IOException {
    try {
      writeError(requestConfig, out, error);
    } catch (XmlRpcException e) {
      throw new IOException("cannot write a fault: " + e.getMessage(), e);
    }
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

  private static String describe(SAXException e) {
    String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
    if (e instanceof SAXParseException at && at.getLineNumber() > 0) {
      return message + " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")";
    }
    return message;
  }
}
