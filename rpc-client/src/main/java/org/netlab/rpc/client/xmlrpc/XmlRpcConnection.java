package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import java.net.MalformedURLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.apache.xmlrpc.client.XmlRpcSun15HttpTransportFactory;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.TransportException;
import org.netlab.tls.SslContexts;

/**
 * Calls any method of a netlab XML-RPC server, with its own TLS trust (not the JVM's), connect and
 * reply timeouts, extensions off, and the JDK's connection reuse. Faults come back as {@link
 * ServiceException}, calls that got no answer as {@link TransportException}. Thread-safe.
 */
public final class XmlRpcConnection implements AutoCloseable {
  private final XmlRpcClientSettings settings;
  private final XmlRpcClient client = new XmlRpcClient();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @throws IOException when the CA file or the client certificate cannot be read
   */
  public XmlRpcConnection(XmlRpcClientSettings settings) throws IOException {
    XmlRpcClientHardening.apply();
    this.settings = settings;
    XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
    try {
      config.setServerURL(settings.url().toURL());
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a usable URL: " + settings.url(), e);
    }
    config.setConnectionTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
    config.setReplyTimeout(Math.toIntExact(settings.replyTimeout().toMillis()));
    config.setEnabledForExtensions(false);
    config.setEnabledForExceptions(false);
    config.setContentLengthOptional(false);
    config.setEncoding(XmlRpcClientConfigImpl.UTF8_ENCODING);
    client.setConfig(config);
    XmlRpcSun15HttpTransportFactory transport = new XmlRpcSun15HttpTransportFactory(client);
    if (settings.tls()) {
      transport.setSSLSocketFactory(
          SslContexts.forClient(
                  settings.caFile(), settings.certificateChain(), settings.privateKey())
              .getSocketFactory());
    }
    client.setTransportFactory(transport);
  }

  public XmlRpcClientSettings settings() {
    return settings;
  }

  /**
   * Calls a method and answers its result as Apache XML-RPC parses it ({@code Integer}, {@code
   * Double}, {@code String}, {@code Boolean}, {@code Object[]}, {@code Map}).
   *
   * @throws ServiceException when the server answers a fault, or {@code INVALID_ARGUMENT} at once
   *     for a string that holds a character XML cannot carry
   * @throws TransportException when no XML-RPC answer came
   */
  public Object call(String method, Object... params) {
    if (closed.get()) {
      throw new IllegalStateException("this XML-RPC connection is closed");
    }
    XmlCharacters.requireCarried(params);
    try {
      return client.execute(method, params);
    } catch (XmlRpcException e) {
      throw XmlRpcFailures.map(settings.url(), method, e);
    }
  }

  /**
   * Calls a method whose result must be of {@code type}.
   *
   * @throws TransportException of kind PROTOCOL when the result is of another type
   */
  public <T> T call(Class<T> type, String method, Object... params) {
    Object result = call(method, params);
    if (!type.isInstance(result)) {
      throw new TransportException(
          TransportException.Kind.PROTOCOL,
          settings.url()
              + " answered "
              + method
              + " with "
              + (result == null ? "nothing" : result.getClass().getSimpleName())
              + " where "
              + type.getSimpleName()
              + " was expected; is it a netlab server?",
          null);
    }
    return type.cast(result);
  }

  /** Marks the connection closed; idle sockets are released by the JDK's keep-alive cache. */
  @Override
  public void close() {
    closed.set(true);
  }
}
