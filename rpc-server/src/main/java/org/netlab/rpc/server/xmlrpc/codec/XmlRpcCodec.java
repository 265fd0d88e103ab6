package org.netlab.rpc.server.xmlrpc.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.common.TypeFactory;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.netlab.xmlrpc.codec.XmlRpcDialect;
import org.xml.sax.SAXException;

/**
 * XML-RPC's bytes, with Apache XML-RPC's request parser, type factory and writer and none of its
 * server: extensions and exceptions off, UTF-8 ({@link XmlRpcDialect}), a nesting limit on
 * requests, and faults from {@link XmlRpcFaults} only, so that no Java class name, stack trace or
 * serialized exception ever leaves it. Requests are read by {@link XmlRpcRequestReader} (Aalto
 * rather than the JDK's Xerces), and double, int, boolean and string answers are written by {@link
 * ScalarResponseWriter}; both cost a fraction of Apache's own path, with the same bytes on the
 * wire. Safe for any number of threads.
 */
public final class XmlRpcCodec {
  private final XmlRpcRequestReader requests;

  public XmlRpcCodec(int maxNestingDepth) {
    // Requests are read by Aalto, but Apache XML-RPC clients in the same JVM would parse with
    // Apache's shared parser factory.
    XmlRpcParserHardening.apply();
    requests = new XmlRpcRequestReader(XmlRpcDialect.types(), maxNestingDepth);
  }

  /**
   * Parses one methodCall; malformed or hostile bodies raise the matching fault. Reads the body to
   * its end, or to the first error, and closes it.
   *
   * @throws XmlRpcException a fault for {@link #writeFault}: not well formed (-32700) for malformed
   *     XML, a DOCTYPE, nesting over the limit or a body that cannot be read
   */
  public XmlRpcRequest parse(InputStream body) throws XmlRpcException {
    return requests.read(XmlRpcDialect.config(), body);
  }

  /**
   * Writes a methodResponse: a scalar straight as bytes, anything else through Apache's writer,
   * into a buffer first so that a value it cannot write (a bug in a method) becomes an INTERNAL
   * fault instead of half an answer.
   *
   * @throws IOException only when {@code out} fails
   */
  public void writeResult(Object result, OutputStream out) throws IOException {
    // Extensions off and UTF-8: what ScalarResponseWriter writes is what Apache's writer would.
    if (ScalarResponseWriter.write(result, out)) {
      return;
    }
    ByteArrayOutputStream answer = new ByteArrayOutputStream(512);
    try {
      XmlRpcDialect.writer(answer).write(XmlRpcDialect.config(), result);
    } catch (SAXException e) {
      writeFault(new IllegalStateException("cannot write an answer: " + e.getMessage(), e), out);
      return;
    }
    answer.writeTo(out);
  }

  /**
   * Writes the fault {@link XmlRpcFaults} makes of an error, with Apache's writer.
   *
   * @throws IOException only when {@code out} fails, which Apache's writer wraps in a SAXException
   */
  public void writeFault(Throwable error, OutputStream out) throws IOException {
    XmlRpcFaults.Fault fault = XmlRpcFaults.of(error);
    try {
      XmlRpcDialect.writer(out).write(XmlRpcDialect.config(), fault.code(), fault.message());
    } catch (SAXException e) {
      if (e.getException() instanceof IOException failed) {
        throw failed;
      }
      throw new IllegalStateException("cannot write a fault: " + e.getMessage(), e);
    }
  }

  /** The config every call is read and answered with. */
  XmlRpcStreamRequestConfig config() {
    return XmlRpcDialect.config();
  }

  /** Apache's own type factory, which reads and writes every value. */
  TypeFactory types() {
    return XmlRpcDialect.types();
  }
}
