package org.netlab.rpc.server.xmlrpc;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcHandler;
import org.apache.xmlrpc.server.XmlRpcHandlerMapping;

/**
 * Every method the endpoint serves, by name, with the {@code system.*} introspection methods over
 * them. Built once from handler objects that each hold one shared service; no handler object is
 * created per request, and no reflection is involved, so the faults for unknown methods and bad
 * parameters say what went wrong in XML-RPC terms.
 *
 * <p>The table also knows which methods may block (those that wait on the phonebook's store), so
 * that the HTTP layer runs them off its event loops.
 */
final class XmlRpcMethodTable implements XmlRpcHandlerMapping {
  private final Map<String, XmlRpcMethod> methods = new LinkedHashMap<>();
  private final Set<String> blocking = new HashSet<>();

  /**
   * @param immediate methods that only compute, in microseconds
   * @param blocking methods that may wait (on disk, on a lock)
   */
  XmlRpcMethodTable(List<XmlRpcMethod> immediate, List<XmlRpcMethod> blocking) {
    immediate.forEach(this::register);
    blocking.forEach(this::register);
    blocking.forEach(method -> this.blocking.add(method.name()));
    // A multicall may contain any call.
    this.blocking.add(SystemMethods.MULTICALL);
    new SystemMethods(this).methods().forEach(this::register);
  }

  private void register(XmlRpcMethod method) {
    if (methods.putIfAbsent(method.name(), method) != null) {
      throw new IllegalStateException("two methods are named " + method.name());
    }
  }

  @Override
  public XmlRpcHandler getHandler(String name) throws XmlRpcException {
    XmlRpcMethod method = method(name);
    return request ->
        method.body().invoke(new XmlRpcArguments(method, XmlRpcArguments.of(request)));
  }

  /** Calls a method by name; used by {@code system.multicall}. */
  Object invoke(String name, List<Object> parameters) throws XmlRpcException {
    XmlRpcMethod method = method(name);
    return method.body().invoke(new XmlRpcArguments(method, parameters));
  }

  XmlRpcMethod method(String name) throws XmlRpcFaults.FaultException {
    XmlRpcMethod method = name == null ? null : methods.get(name);
    if (method == null) {
      throw XmlRpcFaults.methodNotFound(name);
    }
    return method;
  }

  /** Whether calling {@code name} may block; unknown names answer a fault at once. */
  boolean blocks(String name) {
    return blocking.contains(name);
  }

  List<String> names() {
    return List.copyOf(methods.keySet());
  }
}
