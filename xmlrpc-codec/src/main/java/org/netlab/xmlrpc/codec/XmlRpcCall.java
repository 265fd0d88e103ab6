package org.netlab.xmlrpc.codec;

import java.util.List;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.XmlRpcRequestConfig;

/**
 * One call as Apache XML-RPC's parsers and writer see it: a method name and its parameters, with
 * {@link XmlRpcDialect#config()}. Its components are named after the getters of the interface they
 * answer.
 */
public record XmlRpcCall(String getMethodName, List<?> params) implements XmlRpcRequest {
  public XmlRpcCall {
    params = params == null ? List.of() : params;
  }

  @Override
  public XmlRpcRequestConfig getConfig() {
    return XmlRpcDialect.config();
  }

  @Override
  public int getParameterCount() {
    return params.size();
  }

  @Override
  public Object getParameter(int index) {
    return params.get(index);
  }
}
