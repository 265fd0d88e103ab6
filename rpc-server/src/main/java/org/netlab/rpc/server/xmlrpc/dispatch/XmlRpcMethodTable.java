package org.netlab.rpc.server.xmlrpc.dispatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.xmlrpc.XmlRpcException;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.server.xmlrpc.codec.XmlRpcFaults;

/**
 * Every method the endpoint serves, by name, with the {@code system.*} introspection methods over
 * them. Built once from handler objects that each hold one shared service; no handler object is
 * created per request, and no reflection is involved, so the faults for unknown methods and bad
 * parameters say what went wrong in XML-RPC terms.
 *
 * <p>The table also marks which methods may block (those that wait on the phonebook's store), so
 * that the HTTP layer runs them off its event loops.
 */
public final class XmlRpcMethodTable {
  private final Map<String, XmlRpcMethod> methods = new LinkedHashMap<>();

  /**
   * The calculator's methods, which only compute, and the phonebook's, which may wait on its store.
   */
  public static XmlRpcMethodTable forServices(Calculator calculator, Phonebook phonebook) {
    return new XmlRpcMethodTable(
        new CalculatorXmlRpcHandler(Objects.requireNonNull(calculator)).methods(),
        new PhonebookXmlRpcHandler(Objects.requireNonNull(phonebook)).methods());
  }

  /**
   * @param immediate methods that only compute, in microseconds
   * @param blocking methods that may wait (on disk, on a lock)
   */
  XmlRpcMethodTable(List<XmlRpcMethod> immediate, List<XmlRpcMethod> blocking) {
    immediate.forEach(this::register);
    blocking.forEach(method -> register(method.blocking()));
    new SystemMethods(this).methods().forEach(this::register);
  }

  private void register(XmlRpcMethod method) {
    if (methods.putIfAbsent(method.name(), method) != null) {
      throw new IllegalStateException("two methods are named " + method.name());
    }
  }

  /** Calls a method by name; used by {@code system.multicall}. */
  Object invoke(String name, List<Object> parameters) throws XmlRpcException {
    return method(name).invoke(parameters);
  }

  XmlRpcMethod method(String name) throws XmlRpcFaults.FaultException {
    XmlRpcMethod method = name == null ? null : methods.get(name);
    if (method == null) {
      throw XmlRpcFaults.methodNotFound(name);
    }
    return method;
  }

  List<String> names() {
    return List.copyOf(methods.keySet());
  }
}
