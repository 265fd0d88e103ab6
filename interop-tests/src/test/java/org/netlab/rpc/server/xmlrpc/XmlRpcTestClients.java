package org.netlab.rpc.server.xmlrpc;

import org.netlab.rpc.client.ClientSettings;

/** Our XML-RPC client's settings for a {@link XmlRpcTestServer}: its URL, trusting its CA. */
public final class XmlRpcTestClients {
  private XmlRpcTestClients() {}

  public static ClientSettings settings(XmlRpcTestServer server) {
    return ClientSettings.forUrl(server.endpoint.uri().toString()).withCaFile(server.caFile);
  }
}
