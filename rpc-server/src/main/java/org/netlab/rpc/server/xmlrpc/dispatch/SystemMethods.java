package org.netlab.rpc.server.xmlrpc.dispatch;

import static org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethod.Parameter.required;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.xmlrpc.XmlRpcException;
import org.netlab.access.Operation;
import org.netlab.rpc.server.metrics.MethodMeter;
import org.netlab.rpc.server.xmlrpc.codec.XmlRpcFaults;

/**
 * The de-facto standard introspection methods: {@code system.listMethods}, {@code
 * system.methodSignature}, {@code system.methodHelp} and {@code system.multicall} (several calls in
 * one request, each answered by a one-element array or a fault struct).
 */
final class SystemMethods {
  private static final String MULTICALL = "system.multicall";

  private final XmlRpcMethodTable table;

  SystemMethods(XmlRpcMethodTable table) {
    this.table = table;
  }

  List<XmlRpcMethod> methods() {
    return List.of(
        new XmlRpcMethod(
            Operation.DESCRIBE,
            "system.listMethods",
            "array",
            List.of(),
            "Lists the names of every method.",
            args -> table.names().toArray()),
        new XmlRpcMethod(
            Operation.DESCRIBE,
            "system.methodSignature",
            "array",
            List.of(required("method", "string")),
            "Lists the signatures of a method: each an array of type names, return type first.",
            args ->
                table.method(args.string(0)).signatures().stream().map(List::toArray).toArray()),
        new XmlRpcMethod(
            Operation.DESCRIBE,
            "system.methodHelp",
            "string",
            List.of(required("method", "string")),
            "Describes a method.",
            args -> table.method(args.string(0)).methodHelp()),
        // A multicall needs the least right anyone has; each call in it is checked for itself.
        new XmlRpcMethod(
                Operation.CALCULATE,
                MULTICALL,
                "array",
                List.of(required("calls", "array")),
                "Runs several calls given as structs {methodName, params}; answers, in order,"
                    + " [result] for each success and {faultCode, faultString} for each fault.",
                args -> multicall(args.origin(), args.array(0)))
            // A multicall may contain any call.
            .blocking());
  }

  private Object[] multicall(CallOrigin origin, Object[] calls) {
    Object[] answers = new Object[calls.length];
    for (int i = 0; i < calls.length; i++) {
      try {
        answers[i] = new Object[] {call(origin.ofMulticallItem(i), i, calls[i])};
      } catch (XmlRpcException | RuntimeException failure) {
        XmlRpcFaults.Fault fault = XmlRpcFaults.of(failure);
        answers[i] = Map.of("faultCode", fault.code(), "faultString", fault.message());
      }
    }
    return answers;
  }

  private Object call(CallOrigin origin, int index, Object call) throws XmlRpcException {
    if (!(call instanceof Map<?, ?> struct) || !(struct.get("methodName") instanceof String name)) {
      throw XmlRpcFaults.invalidParams(
          "call "
              + (index + 1)
              + " of system.multicall must be a struct with a string"
              + " methodName and an array params");
    }
    if (MULTICALL.equals(name)) {
      throw XmlRpcFaults.invalidParams("system.multicall cannot be nested");
    }
    Object params = struct.get("params");
    if (params != null && !(params instanceof Object[])) {
      throw XmlRpcFaults.invalidParams(
          "params of call "
              + (index + 1)
              + " of system.multicall must be an array, not "
              + XmlRpcArguments.describe(params));
    }
    List<Object> parameters = params == null ? List.of() : Arrays.asList((Object[]) params);
    XmlRpcMethod method = table.method(name);
    // Counted as a call of its own method; the multicall around it is counted in flight.
    long start = System.nanoTime();
    Object result;
    try {
      result = table.invoke(origin, method, parameters);
    } catch (XmlRpcException | RuntimeException failure) {
      method.meter().finishedWithin(start, FailureCodes.of(failure).name());
      throw failure;
    }
    method.meter().finishedWithin(start, MethodMeter.OK);
    return result;
  }
}
