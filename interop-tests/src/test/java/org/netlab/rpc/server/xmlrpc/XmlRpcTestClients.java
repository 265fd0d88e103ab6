package org.netlab.rpc.server.xmlrpc;

import org.netlab.rpc.client.xmlrpc.XmlRpcClientSettings;

/** Our XML-RPC client's settings for a {@link XmlRpcTestServer}: its URL, trusting its CA. */
final class XmlRpcTestClients {
  private XmlRpcTestClients() {}

  static XmlRpcClientSettings settings(XmlRpcTestServer server) {
    return XmlRpcClientSettings.forUrl(server.endpoint.uri()).withCaFile(server.caFile);
  }
}
