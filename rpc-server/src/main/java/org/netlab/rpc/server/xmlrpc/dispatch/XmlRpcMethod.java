package org.netlab.rpc.server.xmlrpc.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.xmlrpc.XmlRpcException;
import org.netlab.access.Operation;
import org.netlab.rpc.server.metrics.MethodMeter;

/**
 * One callable method: its name, what it returns, its parameters (trailing ones may be optional), a
 * help text, its body, and whether it may block. Outside this package it is only what {@link
 * XmlRpcDispatcher#method} found for a call: the HTTP layer asks whether it may block, then hands
 * it back to {@link XmlRpcDispatcher#answer}.
 */
public final class XmlRpcMethod {
  private final Operation operation;
  private final String name;
  private final String returnType;
  private final List<Parameter> parameters;
  private final String help;
  private final Body body;
  private final boolean mayBlock;
  private final MethodMeter meter;

  /** A parameter: a name for error messages, its XML-RPC type, and whether it may be left out. */
  record Parameter(String name, String type, boolean optional) {
    static Parameter required(String name, String type) {
      return new Parameter(name, type, false);
    }

    static Parameter optional(String name, String type) {
      return new Parameter(name, type, true);
    }
  }

  /** What the method does with its checked arguments. */
  @FunctionalInterface
  interface Body {
    Object invoke(XmlRpcArguments arguments) throws XmlRpcException;
  }

  /**
   * A method that only computes, in microseconds.
   *
   * @param operation what it does, which says who may call it
   * @param returnType an XML-RPC type name: {@code int}, {@code double}, {@code string}...
   */
  XmlRpcMethod(
      Operation operation,
      String name,
      String returnType,
      List<Parameter> parameters,
      String help,
      Body body) {
    this(operation, name, returnType, parameters, help, body, false, MethodMeter.NONE);
  }

  private XmlRpcMethod(
      Operation operation,
      String name,
      String returnType,
      List<Parameter> parameters,
      String help,
      Body body,
      boolean mayBlock,
      MethodMeter meter) {
    this.operation = Objects.requireNonNull(operation, "operation");
    this.name = Objects.requireNonNull(name, "name");
    this.returnType = Objects.requireNonNull(returnType, "returnType");
    this.parameters = List.copyOf(parameters);
    this.help = Objects.requireNonNull(help, "help");
    this.body = Objects.requireNonNull(body, "body");
    this.mayBlock = mayBlock;
    this.meter = Objects.requireNonNull(meter, "meter");
  }

  /**
   * Whether a call may wait (on disk, on a lock), so that the HTTP layer runs it off its event
   * loops.
   */
  public boolean mayBlock() {
    return mayBlock;
  }

  String name() {
    return name;
  }

  Operation operation() {
    return operation;
  }

  List<Parameter> parameters() {
    return parameters;
  }

  String help() {
    return help;
  }

  /** What counts and times this method's calls. */
  MethodMeter meter() {
    return meter;
  }

  /** This method, marked as one that may block. */
  XmlRpcMethod blocking() {
    return new XmlRpcMethod(operation, name, returnType, parameters, help, body, true, meter);
  }

  /** This method, its calls counted and timed by {@code otherMeter}. */
  XmlRpcMethod metered(MethodMeter otherMeter) {
    return new XmlRpcMethod(
        operation, name, returnType, parameters, help, body, mayBlock, otherMeter);
  }

  /**
   * Runs the method with these parameters, checked against its declaration; whether the caller may
   * is checked before, by {@link XmlRpcMethodTable#invoke}.
   */
  Object invoke(CallOrigin origin, List<Object> parameters) throws XmlRpcException {
    return body.invoke(new XmlRpcArguments(this, parameters, origin));
  }

  /** The same method under another name, e.g. the lab's French name. */
  XmlRpcMethod alias(String otherName) {
    return new XmlRpcMethod(
        operation,
        otherName,
        returnType,
        parameters,
        help + " (same as " + name + ")",
        body,
        mayBlock,
        meter);
  }

  /** This method with another return value (the lab's names answer simpler values). */
  XmlRpcMethod alias(String otherName, String otherReturnType, Body otherBody) {
    return new XmlRpcMethod(
        operation,
        otherName,
        otherReturnType,
        parameters,
        help + " (as " + name + ", answering " + otherReturnType + ")",
        otherBody,
        mayBlock,
        meter);
  }

  int requiredCount() {
    return (int) parameters.stream().filter(p -> !p.optional()).count();
  }

  /** Every accepted signature as {@code system.methodSignature} lists them: return type first. */
  List<List<String>> signatures() {
    List<List<String>> signatures = new ArrayList<>();
    for (int count = requiredCount(); count <= parameters.size(); count++) {
      List<String> signature = new ArrayList<>();
      signature.add(returnType);
      parameters.subList(0, count).forEach(p -> signature.add(p.type()));
      signatures.add(List.copyOf(signature));
    }
    return List.copyOf(signatures);
  }

  /** What {@code system.methodHelp} answers: the usage, then what the method does. */
  String methodHelp() {
    return usage() + ": " + help;
  }

  /** What introspection tells about this method. */
  XmlRpcMethodDescription describe() {
    return new XmlRpcMethodDescription(
        name,
        returnType,
        parameters.stream()
            .map(p -> new XmlRpcMethodDescription.Parameter(p.name(), p.type(), p.optional()))
            .toList(),
        methodHelp(),
        signatures());
  }

  /** How a person would call it: {@code calculator.add(double x, double y)}. */
  String usage() {
    StringBuilder usage = new StringBuilder(name).append('(');
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      usage
          .append(i == 0 ? "" : ", ")
          .append(p.optional() ? "[" : "")
          .append(p.type())
          .append(' ')
          .append(p.name())
          .append(p.optional() ? "]" : "");
    }
    return usage.append(')').toString();
  }
}
