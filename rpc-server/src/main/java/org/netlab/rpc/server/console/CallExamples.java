package org.netlab.rpc.server.console;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import java.util.Map;
import org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethodDescription;

/**
 * The arguments the console's forms start with, one call's worth per method: values that the
 * service accepts, so that pressing the button at once shows a real answer ({@code Add} with 2 and
 * 3). A gRPC method without an example here starts from its request's defaults; an XML-RPC
 * parameter from a value of its name, else of its type.
 */
final class CallExamples {
  private static final String ENTRY =
      "{\"name\": \"Ada Lovelace\", \"number\": \"+44 20 7946 0000\"}";

  /** By full method name, as in a gRPC path without its first slash. */
  private static final Map<String, String> GRPC =
      Map.ofEntries(
          Map.entry("netlab.calculator.v1.CalculatorService/Add", "{\"x\": 2, \"y\": 3}"),
          Map.entry("netlab.calculator.v1.CalculatorService/Subtract", "{\"x\": 2, \"y\": 3}"),
          Map.entry("netlab.calculator.v1.CalculatorService/Multiply", "{\"x\": 2, \"y\": 3}"),
          Map.entry("netlab.calculator.v1.CalculatorService/Divide", "{\"x\": 2, \"y\": 3}"),
          Map.entry("netlab.calculator.v1.CalculatorService/Abs", "{\"x\": -2.5}"),
          Map.entry("netlab.phonebook.v1.PhonebookService/AddEntry", ENTRY),
          Map.entry("netlab.phonebook.v1.PhonebookService/UpdateEntry", ENTRY),
          Map.entry(
              "netlab.phonebook.v1.PhonebookService/FindNumber", "{\"name\": \"Ada Lovelace\"}"),
          Map.entry(
              "netlab.phonebook.v1.PhonebookService/RemoveEntry", "{\"name\": \"Ada Lovelace\"}"),
          Map.entry("netlab.phonebook.v1.PhonebookService/ListEntries", "{\"namePrefix\": \"\"}"),
          Map.entry(
              "netlab.admin.v1.TokenService/CreateToken",
              "{\"name\": \"bob\", \"role\": \"ROLE_READER\", \"lifetimeSeconds\": \"86400\"}"),
          Map.entry("netlab.admin.v1.TokenService/RevokeToken", "{\"name\": \"bob\"}"));

  /** XML-RPC methods whose parameters' names alone would not make a good call. */
  private static final Map<String, String> XML_RPC_BY_METHOD =
      Map.of(
          "calculator.abs",
          "[-2.5]",
          "absolue",
          "[-2.5]",
          "token.create",
          "[\"bob\", \"reader\", 86400]",
          "token.revoke",
          "[\"bob\"]",
          "system.multicall",
          "[[{\"methodName\": \"calculator.add\", \"params\": [2, 3]},"
              + " {\"methodName\": \"calculator.multiply\", \"params\": [2, 3]}]]");

  /** XML-RPC parameters by name, whatever the method. */
  private static final Map<String, String> XML_RPC_BY_PARAMETER =
      Map.of(
          "x", "2",
          "y", "3",
          "name", "\"Ada Lovelace\"",
          "number", "\"+44 20 7946 0000\"",
          "prefix", "\"\"",
          "method", "\"calculator.add\"");

  private CallExamples() {}

  /** The request of a gRPC method, as Connect's JSON gateway reads it. */
  static Value grpc(MethodDescriptor method) {
    String example = GRPC.get(method.getService().getFullName() + "/" + method.getName());
    if (example != null) {
      return JsonValues.parse(example);
    }
    try {
      return JsonValues.parse(
          JsonFormat.printer()
              .includingDefaultValueFields()
              .print(DynamicMessage.getDefaultInstance(method.getInputType())));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot write a default " + method.getInputType(), e);
    }
  }

  /** The parameters of an XML-RPC call, as a JSON array, optional ones included. */
  static Value xmlRpc(XmlRpcMethodDescription method) {
    String example = XML_RPC_BY_METHOD.get(method.name());
    if (example != null) {
      return JsonValues.parse(example);
    }
    return JsonValues.list(
        method.parameters().stream()
            .map(
                parameter -> {
                  String byName = XML_RPC_BY_PARAMETER.get(parameter.name());
                  return byName != null ? JsonValues.parse(byName) : ofType(parameter.type());
                })
            .toList());
  }

  private static Value ofType(String type) {
    return switch (type) {
      case "int", "i4", "double" -> JsonValues.number(0);
      case "boolean" -> JsonValues.bool(false);
      case "array" -> JsonValues.list(List.of());
      case "struct" -> JsonValues.parse("{}");
      default -> JsonValues.string("");
    };
  }
}
