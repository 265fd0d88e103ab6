package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcClientConfigImpl;
import org.apache.xmlrpc.client.XmlRpcSun15HttpTransportFactory;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.TransportException;
import org.netlab.rpc.contract.XmlRpcTextWriterFactory;
import org.netlab.tls.SslContexts;

/**
 * Calls any method of a netlab XML-RPC server, with its own TLS trust (not the JVM's), connect and
 * reply timeouts, extensions off, the JDK's connection reuse, and the settings' token in every
 * request. Faults come back as {@link ServiceException}, calls that got no answer as {@link
 * TransportException}. Thread-safe.
 */
final class XmlRpcConnection implements AutoCloseable {
  private final ClientSettings settings;
  private final URI url;
  private final XmlRpcClient client = new XmlRpcClient();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @throws IOException when the CA file or the client certificate cannot be read
   */
  XmlRpcConnection(ClientSettings settings) throws IOException {
    XmlRpcClientHardening.apply();
    this.settings = settings;
    this.url = URI.create(settings.url().toString());
    XmlRpcClientConfigImpl config = new XmlRpcClientConfigImpl();
    try {
      config.setServerURL(url.toURL());
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a usable URL: " + url, e);
    }
    // One limit for connecting and one for the answer, each the call timeout.
    int timeoutMillis = Math.toIntExact(settings.timeout().toMillis());
    config.setConnectionTimeout(timeoutMillis);
    config.setReplyTimeout(timeoutMillis);
    config.setEnabledForExtensions(false);
    config.setEnabledForExceptions(false);
    config.setContentLengthOptional(false);
    config.setEncoding(XmlRpcClientConfigImpl.UTF8_ENCODING);
    client.setConfig(config);
    client.setXmlWriterFactory(new XmlRpcTextWriterFactory());
    XmlRpcSun15HttpTransportFactory transport =
        settings.token() == null
            ? new XmlRpcSun15HttpTransportFactory(client)
            : new BearerTokenTransportFactory(client, settings.token());
    if (settings.url().tls()) {
      transport.setSSLSocketFactory(
          SslContexts.forClient(
                  settings.caFile(), settings.clientCertificate(), settings.clientKey())
              .getSocketFactory());
    }
    client.setTransportFactory(transport);
  }

  URI url() {
    return url;
  }

  /**
   * Calls a method and answers its result as Apache XML-RPC parses it ({@code Integer}, {@code
   * Double}, {@code String}, {@code Boolean}, {@code Object[]}, {@code Map}).
   *
   * @throws ServiceException when the server answers a fault, or {@code INVALID_ARGUMENT} at once
   *     for a string that holds a character XML cannot carry
   * @throws TransportException when no XML-RPC answer came
   */
  Object call(String method, Object... params) {
    if (closed.get()) {
      throw new IllegalStateException("this XML-RPC connection is closed");
    }
    XmlCharacters.requireCarried(params);
    try {
      return client.execute(method, params);
    } catch (XmlRpcException e) {
      throw XmlRpcFailures.map(settings, url, method, e);
    }
  }

  /**
   * Calls a method whose result must be of {@code type}.
   *
   * @throws TransportException of kind PROTOCOL when the result is of another type
   */
  <T> T call(Class<T> type, String method, Object... params) {
    Object result = call(method, params);
    if (!type.isInstance(result)) {
      throw new TransportException(
          TransportException.Kind.PROTOCOL,
          url
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
