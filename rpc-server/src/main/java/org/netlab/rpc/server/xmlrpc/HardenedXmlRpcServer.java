package org.netlab.rpc.server.xmlrpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.apache.xmlrpc.server.XmlRpcServerConfigImpl;
import org.apache.xmlrpc.server.XmlRpcStreamServer;
import org.xml.sax.SAXException;

/**
 * Apache XML-RPC's stream server with extensions and exceptions off, a nesting limit on requests,
 * and faults from {@link XmlRpcFaults} only: no Java class name, stack trace or serialized
 * exception ever leaves it. Requests are read by {@link XmlRpcRequestReader} (Aalto rather than the
 * JDK's Xerces), and double, int, boolean and string answers are written by {@link
 * ScalarResponseWriter}; both cost a fraction of Apache's own path, with the same bytes on the
 * wire.
 *
 * <p>An HTTP layer either hands it a whole exchange ({@link #execute(XmlRpcStreamRequestConfig,
 * org.apache.xmlrpc.common.ServerStreamConnection)}), or parses a body on one thread with {@link
 * #parse}, finds its method with {@link #method} and runs the call on another with {@link #answer};
 * both give the same bytes.
 */
final class HardenedXmlRpcServer extends XmlRpcStreamServer {
  private final XmlRpcMethodTable methods;
  private final XmlRpcRequestReader requests;

  /** How every call is read and answered: no extensions, no exceptions on the wire, UTF-8. */
  private final XmlRpcHttpRequestConfigImpl requestConfig = new XmlRpcHttpRequestConfigImpl();

  HardenedXmlRpcServer(XmlRpcMethodTable methods, int maxNestingDepth) {
    // Requests are read by Aalto, but XML-RPC clients in the same JVM parse with Apache's
    // shared parser factory.
    XmlRpcParserHardening.apply();
    XmlRpcServerConfigImpl config = new XmlRpcServerConfigImpl();
    config.setEnabledForExtensions(false);
    config.setEnabledForExceptions(false);
    config.setEncoding(XmlRpcServerConfigImpl.UTF8_ENCODING);
    setConfig(config);
    this.methods = methods;
    requests = new XmlRpcRequestReader(getTypeFactory(), maxNestingDepth);
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
   * The method a parsed call names, looked up once per call: it tells the HTTP layer whether the
   * call may block, then runs it.
   *
   * @throws XmlRpcException a fault for {@link #answerFault}: method not found (-32601)
   */
  XmlRpcMethod method(XmlRpcRequest call) throws XmlRpcException {
    return methods.method(call.getMethodName());
  }

  /**
   * Runs a parsed call with its method; writes its methodResponse or fault. Failures of the call
   * itself become faults.
   *
   * @throws IOException only when {@code out} fails
   */
  void answer(XmlRpcMethod method, XmlRpcRequest call, OutputStream out) throws IOException {
    Object result;
    try {
      result = method.invoke(call);
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
    return method(request).invoke(request);
  }

  @Override
  protected XmlRpcRequest getRequest(XmlRpcStreamRequestConfig config, InputStream body)
      throws XmlRpcException {
    return requests.read(config, body);
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
}
