package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.client.TransportException;

/**
 * Opens {@link RpcConnection}s over XML-RPC: one HTTP/1.1 keep-alive client (the JDK's) per
 * connection, with its own TLS trust, and netlab's XML-RPC codec ({@link XmlRpcConnection}). Use
 * {@link RpcConnection#open}, which picks the transport by the URL.
 */
public final class XmlRpcTransport {
  private XmlRpcTransport() {}

  /**
   * @throws TransportException of kind {@code UNTRUSTED} when a TLS file cannot be used
   */
  public static RpcConnection open(ClientSettings settings) {
    XmlRpcConnection connection;
    try {
      connection = new XmlRpcConnection(settings);
    } catch (IOException e) {
      throw new TransportException(
          TransportException.Kind.UNTRUSTED, "cannot use the TLS files: " + e.getMessage(), e);
    }
    return RpcConnection.of(
        new XmlRpcCalculatorClient(connection),
        new XmlRpcPhonebookClient(connection),
        connection::close);
  }
}
