package org.netlab.rpc.server.xmlrpc.dispatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.xmlrpc.XmlRpcException;
import org.netlab.access.AuditScope;
import org.netlab.access.IdempotencyScope;
import org.netlab.access.Operation;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.server.access.ServerAccess;
import org.netlab.rpc.server.metrics.CallMeters;
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
    return forServices(calculator, phonebook, access, CallMeters.NONE);
  }

  /**
   * The methods of {@link #forServices(Calculator, Phonebook, ServerAccess)}, each call counted and
   * timed by {@code calls} under the method's full name and the service it belongs to: {@code
   * calculator}, {@code phonebook}, {@code token} or {@code system} (so the lab's {@code add} is
   * service {@code calculator}, method {@code add}).
   */
  public static XmlRpcMethodTable forServices(
      Calculator calculator, Phonebook phonebook, ServerAccess access, CallMeters calls) {
    List<XmlRpcMethod> calculatorMethods =
        new CalculatorXmlRpcHandler(Objects.requireNonNull(calculator)).methods();
    List<XmlRpcMethod> phonebookMethods =
        new PhonebookXmlRpcHandler(Objects.requireNonNull(phonebook)).methods();
    List<XmlRpcMethod> tokenMethods = new TokenXmlRpcHandler(access.tokens()).methods();
    return new XmlRpcMethodTable(
        metered(calls, "calculator", calculatorMethods),
        Stream.concat(
                metered(calls, "phonebook", phonebookMethods).stream(),
                metered(calls, "token", tokenMethods).stream())
            .toList(),
        access,
        calls);
  }

  /**
   * @param immediate methods that only compute, in microseconds
   * @param blocking methods that may wait (on disk, on a lock)
   */
  XmlRpcMethodTable(
      List<XmlRpcMethod> immediate, List<XmlRpcMethod> blocking, ServerAccess access) {
    this(immediate, blocking, access, CallMeters.NONE);
  }

  /**
   * @param calls what counts and times the {@code system.*} methods' calls; the others come with
   *     their meters
   */
  private XmlRpcMethodTable(
      List<XmlRpcMethod> immediate,
      List<XmlRpcMethod> blocking,
      ServerAccess access,
      CallMeters calls) {
    this.access = Objects.requireNonNull(access, "access");
    immediate.forEach(this::register);
    blocking.forEach(method -> register(method.blocking()));
    metered(calls, "system", new SystemMethods(this).methods()).forEach(this::register);
  }

  /** The methods, each with the meter of its calls under {@code service}. */
  private static List<XmlRpcMethod> metered(
      CallMeters calls, String service, List<XmlRpcMethod> methods) {
    if (!calls.counting()) {
      return methods;
    }
    return methods.stream()
        .map(method -> method.metered(calls.method(CallMeters.XML_RPC, service, method.name())))
        .toList();
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
    // The method's write may take the call's event into its transaction.
    AuditScope scope = access.audit().open(origin.caller(), operation, method.name(), subject);
    Object result;
    try (scope;
        IdempotencyScope key = IdempotencyScope.bind(origin.caller(), origin.idempotencyKey())) {
      result = method.invoke(origin, parameters);
    } catch (ServiceException refused) {
      access.audit().record(scope, refused.code());
      throw refused;
    } catch (XmlRpcException | RuntimeException failure) {
      access.audit().record(scope, FailureCodes.of(failure));
      throw failure;
    }
    access.audit().record(scope, null);
    return result;
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
