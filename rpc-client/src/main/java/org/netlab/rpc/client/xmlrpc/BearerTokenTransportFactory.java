package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.Objects;
import org.apache.xmlrpc.client.XmlRpcClient;
import org.apache.xmlrpc.client.XmlRpcHttpClientConfig;
import org.apache.xmlrpc.client.XmlRpcSun15HttpTransport;
import org.apache.xmlrpc.client.XmlRpcSun15HttpTransportFactory;
import org.apache.xmlrpc.client.XmlRpcTransport;
import org.netlab.rpc.contract.BearerAuthorization;

/**
 * Apache XML-RPC's transport over the JDK's {@code HttpURLConnection}, with {@code Authorization:
 * Bearer TOKEN} in every request. It follows no redirect, so the token goes to the URL's server and
 * to no other; a redirect is answered as the HTTP error it is for an XML-RPC call.
 */
final class BearerTokenTransportFactory extends XmlRpcSun15HttpTransportFactory {
  private final String token;

  BearerTokenTransportFactory(XmlRpcClient client, String token) {
    super(client);
    this.token = Objects.requireNonNull(token, "token");
  }

  @Override
  public XmlRpcTransport getTransport() {
    TokenSendingTransport transport = new TokenSendingTransport(getClient(), token);
    transport.setSSLSocketFactory(getSSLSocketFactory());
    return transport;
  }

  /** One request's transport; Apache XML-RPC makes one per call. */
  private static final class TokenSendingTransport extends XmlRpcSun15HttpTransport {
    private final String token;

    TokenSendingTransport(XmlRpcClient client, String token) {
      super(client);
      this.token = token;
    }

    @Override
    protected URLConnection newURLConnection(URL url) throws IOException {
      URLConnection connection = super.newURLConnection(url);
      if (connection instanceof HttpURLConnection http) {
        http.setInstanceFollowRedirects(false);
      }
      return connection;
    }

    /** Where Apache XML-RPC sets HTTP Basic from its config; the token replaces it. */
    @Override
    protected void setCredentials(XmlRpcHttpClientConfig config) {
      setRequestHeader(BearerAuthorization.HTTP_HEADER, BearerAuthorization.value(token));
    }
  }
}
