package org.netlab.rpc.server.xmlrpc;

/** XML-RPC request bodies written by hand, as a foreign client would send them. */
public final class XmlRpcCalls {
  private XmlRpcCalls() {}

  public static String call(String method, String... params) {
    StringBuilder body =
        new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>")
            .append(method)
            .append("</methodName><params>");
    for (String param : params) {
      body.append("<param><value>").append(param).append("</value></param>");
    }
    return body.append("</params></methodCall>").toString();
  }

  public static String addTwoAndThree() {
    return call("add", "<int>2</int>", "<int>3</int>");
  }
}
