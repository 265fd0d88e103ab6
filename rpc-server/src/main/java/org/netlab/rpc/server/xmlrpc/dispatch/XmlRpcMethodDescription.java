package org.netlab.rpc.server.xmlrpc.dispatch;

import java.util.List;
import java.util.Objects;

/**
 * What introspection tells about one XML-RPC method, for pages and tools that describe the endpoint
 * (the console): the same help text as {@code system.methodHelp}, the same signatures as {@code
 * system.methodSignature}, and the parameters by name.
 *
 * @param help what {@code system.methodHelp} answers, e.g. {@code calculator.add(double x, double
 *     y): Returns x + y.}
 * @param signatures what {@code system.methodSignature} answers: return type first
 */
public record XmlRpcMethodDescription(
    String name,
    String returnType,
    List<Parameter> parameters,
    String help,
    List<List<String>> signatures) {

  /** One parameter: its name, its XML-RPC type, and whether it may be left out. */
  public record Parameter(String name, String type, boolean optional) {
    public Parameter {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  public XmlRpcMethodDescription {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(returnType, "returnType");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(help, "help");
    signatures = List.copyOf(signatures);
  }
}
