package org.netlab.rpc.server.xmlrpc.dispatch;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.xmlrpc.XmlRpcRequest;
import org.netlab.rpc.server.xmlrpc.codec.XmlRpcFaults;

/**
 * The parameters of one call, checked against a method's declaration: the count on creation, each
 * type on access. Every refusal is an "invalid params" fault naming the method, the parameter and
 * what was expected.
 */
final class XmlRpcArguments {
  private final XmlRpcMethod method;
  private final List<Object> values;
  private final CallOrigin origin;

  XmlRpcArguments(XmlRpcMethod method, List<Object> values, CallOrigin origin)
      throws XmlRpcFaults.FaultException {
    this.method = method;
    this.values = values;
    this.origin = origin;
    int max = method.parameters().size();
    int min = method.requiredCount();
    if (values.size() < min || values.size() > max) {
      String expected = min == max ? String.valueOf(min) : min + " to " + max;
      throw XmlRpcFaults.invalidParams(
          method.name()
              + " takes "
              + expected
              + " parameter"
              + (max == 1 ? "" : "s")
              + ", got "
              + values.size()
              + "; usage: "
              + method.usage());
    }
  }

  static List<Object> of(XmlRpcRequest request) {
    Object[] values = new Object[request.getParameterCount()];
    for (int i = 0; i < values.length; i++) {
      values[i] = request.getParameter(i);
    }
    return Arrays.asList(values);
  }

  /** Who made the call: what a call made on its behalf (in a multicall) is checked against. */
  CallOrigin origin() {
    return origin;
  }

  boolean has(int index) {
    return index < values.size();
  }

  /** An {@code <int>} or a {@code <double>}: Python sends {@code add(2, 3)} as ints. */
  double number(int index) throws XmlRpcFaults.FaultException {
    Object value = values.get(index);
    if (value instanceof Integer i) {
      return i;
    }
    if (value instanceof Double d) {
      return d;
    }
    throw wrongType(index, "an int or a double");
  }

  /** An {@code <int>}. */
  int integer(int index) throws XmlRpcFaults.FaultException {
    if (values.get(index) instanceof Integer i) {
      return i;
    }
    throw wrongType(index, "an int");
  }

  String string(int index) throws XmlRpcFaults.FaultException {
    if (values.get(index) instanceof String s) {
      return s;
    }
    throw wrongType(index, "a string");
  }

  Object[] array(int index) throws XmlRpcFaults.FaultException {
    if (values.get(index) instanceof Object[] array) {
      return array;
    }
    throw wrongType(index, "an array");
  }

  private XmlRpcFaults.FaultException wrongType(int index, String expected) {
    String parameter = method.parameters().get(index).name();
    return XmlRpcFaults.invalidParams(
        "parameter "
            + (index + 1)
            + " ("
            + parameter
            + ") of "
            + method.name()
            + " must be "
            + expected
            + ", got "
            + describe(values.get(index))
            + "; usage: "
            + method.usage());
  }

  /** The XML-RPC type name of a parsed value, never a Java class name. */
  static String describe(Object value) {
    return switch (value) {
      case null -> "nil";
      case Integer i -> "an int";
      case Double d -> "a double";
      case String s -> "a string";
      case Boolean b -> "a boolean";
      case Date d -> "a dateTime.iso8601";
      case byte[] b -> "a base64";
      case Object[] a -> "an array";
      case Map<?, ?> m -> "a struct";
      default -> "a value of an unsupported type";
    };
  }
}
