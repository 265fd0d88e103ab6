package org.netlab.rpc.server.xmlrpc.dispatch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.common.ServerStreamConnection;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.apache.xmlrpc.server.XmlRpcStreamServer;
import org.netlab.access.Caller;
import org.netlab.rpc.server.xmlrpc.codec.XmlRpcCodec;
import org.netlab.rpc.server.xmlrpc.codec.XmlRpcFaults;

/**
 * Apache XML-RPC's stream server with our codec and method table plugged in, as the endpoint's
 * server was built when it subclassed Apache's: Apache's own way through an exchange (read the
 * call, run it, write the result or, whatever failed, the fault), against which the dispatcher's
 * answers are compared byte for byte.
 */
final class ApacheStreamServer extends XmlRpcStreamServer {
  private final XmlRpcCodec codec;
  private final XmlRpcMethodTable methods;

  /** The request config the JDK's HTTP handler built for Apache's server. */
  private final XmlRpcHttpRequestConfigImpl config = new XmlRpcHttpRequestConfigImpl();

  ApacheStreamServer(XmlRpcCodec codec, XmlRpcMethodTable methods) {
    this.codec = codec;
    this.methods = methods;
    config.setEnabledForExtensions(false);
    config.setEnabledForExceptions(false);
    config.setEncoding(XmlRpcHttpRequestConfigImpl.UTF8_ENCODING);
  }

  /** Answers a body as Apache's stream server does, over a stream connection. */
  byte[] execute(String body) throws XmlRpcException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    execute(body.getBytes(StandardCharsets.UTF_8), out);
    return out.toByteArray();
  }

  /** Answers a body as Apache's stream server does, into {@code out}. */
  void execute(byte[] body, OutputStream out) throws XmlRpcException {
    execute(config, new Connection(new ByteArrayInputStream(body), out));
  }

  @Override
  protected XmlRpcRequest getRequest(XmlRpcStreamRequestConfig config, InputStream body)
      throws XmlRpcException {
    return codec.parse(body);
  }

  @Override
  public Object execute(XmlRpcRequest request) throws XmlRpcException {
    return methods.invoke(
        new CallOrigin(Caller.UNCHECKED, null),
        methods.method(request.getMethodName()),
        XmlRpcArguments.of(request));
  }

  @Override
  protected void writeResponse(XmlRpcStreamRequestConfig config, OutputStream out, Object result)
      throws XmlRpcException {
    try {
      codec.writeResult(result, out);
    } catch (IOException e) {
      throw new XmlRpcException("cannot write an XML-RPC answer: " + e.getMessage(), e);
    }
  }

  @Override
  protected void writeError(XmlRpcStreamRequestConfig config, OutputStream out, Throwable error)
      throws XmlRpcException {
    try {
      codec.writeFault(error, out);
    } catch (IOException e) {
      throw new XmlRpcException("cannot write a fault: " + e.getMessage(), e);
    }
  }

  /** Faults are expected answers; {@link XmlRpcFaults} logs the unexpected ones. */
  @Override
  protected void logError(Throwable error) {}

  /** One call's streams, as Apache XML-RPC's stream server wants them. */
  private record Connection(InputStream in, OutputStream out) implements ServerStreamConnection {
    @Override
    public InputStream newInputStream() {
      return in;
    }

    @Override
    public OutputStream newOutputStream() {
      return out;
    }

    @Override
    public void close() {}
  }
}
