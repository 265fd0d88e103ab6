package org.netlab.xmlrpc.codec;

import java.io.OutputStream;
import org.apache.xmlrpc.XmlRpcConfig;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.common.TypeFactory;
import org.apache.xmlrpc.common.XmlRpcController;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.apache.xmlrpc.common.XmlRpcStreamRequestConfig;
import org.apache.xmlrpc.common.XmlRpcWorkerFactory;
import org.apache.xmlrpc.serializer.XmlRpcWriter;
import org.apache.xmlrpc.serializer.XmlWriterFactory;
import org.netlab.rpc.contract.XmlRpcTextWriterFactory;

/**
 * How netlab speaks XML-RPC on both sides of the wire, in Apache XML-RPC's terms: extensions off,
 * exceptions off (no Java class name, stack trace or serialized exception in a message), UTF-8,
 * Apache's types for every value, and Apache's writer with text written as XML allows ({@link
 * XmlRpcTextWriterFactory}) for whatever {@link ScalarValue} does not write itself.
 */
public final class XmlRpcDialect {
  private static final XmlRpcHttpRequestConfigImpl CONFIG =
      config(new XmlRpcHttpRequestConfigImpl());
  private static final TypeFactory TYPES = new TypeFactoryController(CONFIG).getTypeFactory();
  private static final XmlWriterFactory WRITERS = new XmlRpcTextWriterFactory();

  private XmlRpcDialect() {}

  /** The config every message is read and written with; never changed. */
  public static XmlRpcStreamRequestConfig config() {
    return CONFIG;
  }

  /** Apache's own type factory, which reads and writes every value. */
  public static TypeFactory types() {
    return TYPES;
  }

  /** Apache's writer of whole messages onto {@code out}. */
  public static XmlRpcWriter writer(OutputStream out) {
    try {
      return new XmlRpcWriter(CONFIG, WRITERS.getXmlWriter(CONFIG, out), TYPES);
    } catch (XmlRpcException e) {
      throw new IllegalStateException("cannot build an XML-RPC writer: " + e.getMessage(), e);
    }
  }

  private static XmlRpcHttpRequestConfigImpl config(XmlRpcHttpRequestConfigImpl config) {
    config.setEnabledForExtensions(false);
    config.setEnabledForExceptions(false);
    config.setEncoding(XmlRpcHttpRequestConfigImpl.UTF8_ENCODING);
    return config;
  }

  /**
   * Apache's type factory takes a controller (in Apache, a client or a server) and asks it for one
   * thing only: its config, for the time zone of dateTime.iso8601 values. This controller is that
   * config and nothing else; it runs no calls, so it has no workers.
   */
  private static final class TypeFactoryController extends XmlRpcController {
    private final XmlRpcConfig config;

    TypeFactoryController(XmlRpcConfig config) {
      this.config = config;
    }

    @Override
    protected XmlRpcWorkerFactory getDefaultXmlRpcWorkerFactory() {
      return null;
    }

    @Override
    public XmlRpcConfig getConfig() {
      return config;
    }
  }
}
