package org.netlab.rpc.server.xmlrpc.dispatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.xmlrpc.XmlRpcException;
import org.netlab.access.Operation;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.contract.XmlRpcFaultCodes;
import org.netlab.rpc.server.access.ServerAccess;
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
  private final ServerAccess access;

  /**
   * The calculator's methods, which only compute, and the phonebook's and the tokens', which may
   * wait on the store, each let through by {@code access}.
   */
  public static XmlRpcMethodTable forServices(
      Calculator calculator, Phonebook phonebook, ServerAccess access) {
    return new XmlRpcMethodTable(
        new CalculatorXmlRpcHandler(Objects.requireNonNull(calculator)).methods(),
        Stream.concat(
                new PhonebookXmlRpcHandler(Objects.requireNonNull(phonebook)).methods().stream(),
                new TokenXmlRpcHandler(access.tokens()).methods().stream())
            .toList(),
        access);
  }

  /**
   * @param immediate methods that only compute, in microseconds
   * @param blocking methods that may wait (on disk, on a lock)
   */
  XmlRpcMethodTable(
      List<XmlRpcMethod> immediate, List<XmlRpcMethod> blocking, ServerAccess access) {
    this.access = Objects.requireNonNull(access, "access");
    immediate.forEach(this::register);
    blocking.forEach(method -> register(method.blocking()));
    new SystemMethods(this).methods().forEach(this::register);
  }

  private void register(XmlRpcMethod method) {
    if (methods.putIfAbsent(method.name(), method) != null) {
      throw new IllegalStateException("two methods are named " + method.name());
    }
  }

  /**
   * Runs {@code method} if its caller may, which is checked here for every call, those in a
   * multicall included; records audited calls with their outcome.
   */
  Object invoke(CallOrigin origin, XmlRpcMethod method, List<Object> parameters)
      throws XmlRpcException {
    Operation operation = method.operation();
    String subject = !parameters.isEmpty() && parameters.get(0) instanceof String s ? s : null;
    try {
      access.gatekeeper().authorize(origin.caller(), operation, origin.source());
    } catch (ServiceException refused) {
      access.audit().record(origin.caller(), operation, method.name(), subject, refused.code());
      throw refused;
    }
    Object result;
    try {
      result = method.invoke(origin, parameters);
    } catch (ServiceException refused) {
      access.audit().record(origin.caller(), operation, method.name(), subject, refused.code());
      throw refused;
    } catch (XmlRpcException | RuntimeException failure) {
      access
          .audit()
          .record(origin.caller(), operation, method.name(), subject, failureCode(failure));
      throw failure;
    }
    access.audit().record(origin.caller(), operation, method.name(), subject, null);
    return result;
  }

  /** The error code an audit row gives a failure other than a refusal by the service. */
  private static ErrorCode failureCode(Exception failure) {
    return failure instanceof XmlRpcException fault
        ? XmlRpcFaultCodes.errorCode(fault.code).orElse(ErrorCode.INVALID_ARGUMENT)
        : ErrorCode.INTERNAL;
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

  /**
   * Every method, in the order {@code system.listMethods} lists them, as introspection describes
   * it.
   */
  public List<XmlRpcMethodDescription> descriptions() {
    return methods.values().stream().map(XmlRpcMethod::describe).toList();
  }
}
