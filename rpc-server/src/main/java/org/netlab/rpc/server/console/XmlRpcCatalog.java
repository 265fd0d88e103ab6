package org.netlab.rpc.server.console;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.List;
import org.netlab.rpc.contract.DefaultAddresses;
import org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethodDescription;

/**
 * The XML-RPC half of the console's description: every method of the endpoint's table, with what
 * {@code system.methodHelp} and {@code system.methodSignature} answer for it, its parameters and an
 * example call. Methods are grouped by the namespace before their dot; the lab's names, which have
 * none, form the group {@code lab}.
 */
final class XmlRpcCatalog {
  static final String LAB_GROUP = "lab";

  private XmlRpcCatalog() {}

  /** {@code {"path": "/RPC2", "methods": [...]}}. */
  static Value of(List<XmlRpcMethodDescription> methods) {
    return JsonValues.object(
        Struct.newBuilder()
            .putFields("path", JsonValues.string(DefaultAddresses.XML_RPC_PATH))
            .putFields(
                "methods", JsonValues.list(methods.stream().map(XmlRpcCatalog::method).toList())));
  }

  private static Value method(XmlRpcMethodDescription method) {
    return JsonValues.object(
        Struct.newBuilder()
            .putFields("name", JsonValues.string(method.name()))
            .putFields("group", JsonValues.string(group(method.name())))
            .putFields("returnType", JsonValues.string(method.returnType()))
            .putFields(
                "params",
                JsonValues.list(
                    method.parameters().stream().map(XmlRpcCatalog::parameter).toList()))
            .putFields("help", JsonValues.string(method.help()))
            .putFields(
                "signatures",
                JsonValues.list(method.signatures().stream().map(JsonValues::strings).toList()))
            .putFields("example", CallExamples.xmlRpc(method)));
  }

  private static Value parameter(XmlRpcMethodDescription.Parameter parameter) {
    return JsonValues.object(
        Struct.newBuilder()
            .putFields("name", JsonValues.string(parameter.name()))
            .putFields("type", JsonValues.string(parameter.type()))
            .putFields("optional", JsonValues.bool(parameter.optional())));
  }

  private static String group(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? LAB_GROUP : name.substring(0, dot);
  }
}
