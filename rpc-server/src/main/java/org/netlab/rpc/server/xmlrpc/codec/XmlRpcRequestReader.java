package org.netlab.rpc.server.xmlrpc.codec;

import java.io.InputStream;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.common.TypeFactory;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.apache.xmlrpc.parser.XmlRpcRequestParser;
import org.netlab.xmlrpc.codec.MalformedMessageException;
import org.netlab.xmlrpc.codec.XmlRpcCall;
import org.netlab.xmlrpc.codec.XmlRpcMessageReader;

/**
 * Reads one methodCall from a request body into an {@link XmlRpcRequest}, with Apache XML-RPC's own
 * request parser fed by {@link XmlRpcMessageReader} (Aalto, no DOCTYPE, bounded nesting); every
 * failure is a -32700 fault that says what went wrong and where.
 */
final class XmlRpcRequestReader {
  private final TypeFactory types;
  private final XmlRpcMessageReader messages;

  XmlRpcRequestReader(TypeFactory types, int maxNestingDepth) {
    this.types = types;
    this.messages = new XmlRpcMessageReader(maxNestingDepth);
  }

  /**
   * Reads the body to its end, or to the first error, and closes it.
   *
   * @throws XmlRpcException not well formed (-32700) for malformed XML, a DOCTYPE, nesting over the
   *     limit or a body that cannot be read
   */
  XmlRpcRequest read(XmlRpcStreamRequestConfig config, InputStream body) throws XmlRpcException {
    XmlRpcRequestParser parser = new XmlRpcRequestParser(config, types);
    try {
      messages.read(body, parser);
    } catch (MalformedMessageException e) {
      throw XmlRpcFaults.notWellFormed(e.getMessage());
    }
    return new XmlRpcCall(parser.getMethodName(), parser.getParams());
  }
}
