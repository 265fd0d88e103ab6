package org.netlab.rpc.client.xmlrpc;

import org.netlab.rpc.client.TransportException;

/**
 * Calls XML-RPC methods by name: what the clients of each service call through, one server ({@link
 * XmlRpcConnection}) or several ({@link XmlRpcServers}).
 */
interface XmlRpcCalls {
  /**
   * Calls a method whose result must be of {@code type} ({@code Integer}, {@code Double}, {@code
   * String}, {@code Boolean}, {@code Object[]}, {@code Map}, as Apache XML-RPC parses them; {@code
   * Object} for any).
   *
   * @throws org.netlab.domain.ServiceException when the server answers a fault
   * @throws TransportException when no XML-RPC answer came, or one of PROTOCOL kind when the result
   *     is of another type
   */
  <T> T call(Class<T> type, String method, Object... params);

  /** Calls a method and answers its result, of any type. */
  default Object call(String method, Object... params) {
    return call(Object.class, method, params);
  }

  /** The server or servers called, as a message names them. */
  String where();
}
