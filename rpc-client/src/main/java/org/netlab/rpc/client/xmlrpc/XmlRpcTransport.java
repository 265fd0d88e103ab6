package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.client.AsyncCalculator;
import org.netlab.rpc.client.AsyncPhonebook;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.client.TransportException;

/**
 * Opens {@link RpcConnection}s over XML-RPC: one HTTP/1.1 keep-alive client per server of the URL,
 * with its own TLS trust, and netlab's XML-RPC codec ({@link XmlRpcConnection}); over several
 * servers, calls spread round robin over those that answer and fail over between them ({@link
 * XmlRpcServers}). The connection's {@link RpcConnection#servedBy()} counts the {@code x-served-by}
 * of every answer. Use {@link RpcConnection#open}, which picks the transport by the URL.
 */
public final class XmlRpcTransport {
  private XmlRpcTransport() {}

  /**
   * @throws TransportException of kind {@code UNTRUSTED} when a TLS file cannot be used
   */
  public static RpcConnection open(ClientSettings settings) {
    XmlRpcServers servers;
    try {
      servers = XmlRpcServers.open(settings);
    } catch (IOException e) {
      throw new TransportException(
          TransportException.Kind.UNTRUSTED, "cannot use the TLS files: " + e.getMessage(), e);
    }
    Calculator calculator = new XmlRpcCalculatorClient(servers);
    Phonebook phonebook = new XmlRpcPhonebookClient(servers);
    return RpcConnection.of(
        calculator,
        phonebook,
        AsyncCalculator.over(calculator, Thread::startVirtualThread),
        AsyncPhonebook.over(phonebook, Thread::startVirtualThread),
        servers::close,
        servers.servedBy());
  }
}
