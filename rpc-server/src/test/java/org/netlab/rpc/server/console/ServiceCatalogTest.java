package org.netlab.rpc.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.domain.phonebook.InMemoryPhonebook;
import org.netlab.proto.admin.v1.TokenServiceGrpc;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc;
import org.netlab.rpc.server.access.TestAccess;
import org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethodDescription;
import org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethodTable;

/** The description the console reads: both protocols, the .proto comments, callable examples. */
class ServiceCatalogTest {
  private final ProtoDescriptorSet grpc = ProtoDescriptorSet.load();
  private final List<XmlRpcMethodDescription> xmlRpc =
      XmlRpcMethodTable.forServices(
              new FiniteCalculator(), new InMemoryPhonebook(), TestAccess.unchecked())
          .descriptions();

  private Struct catalog() throws Exception {
    Struct.Builder parsed = Struct.newBuilder();
    JsonFormat.parser()
        .merge(new String(ServiceCatalog.json(grpc, xmlRpc), StandardCharsets.UTF_8), parsed);
    return parsed.build();
  }

  private static Map<String, Value> fields(Value value) {
    return value.getStructValue().getFieldsMap();
  }

  private static String text(Value value, String field) {
    return fields(value).get(field).getStringValue();
  }

  private Map<String, Value> grpcMethods() throws Exception {
    return fields(catalog().getFieldsOrThrow("grpc"))
        .get("services")
        .getListValue()
        .getValuesList()
        .stream()
        .flatMap(
            service ->
                fields(service).get("methods").getListValue().getValuesList().stream()
                    .map(
                        method ->
                            Map.entry(text(service, "name") + "/" + text(method, "name"), method)))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  @Test
  void everyGrpcMethodOfTheServedServicesIsDescribed() throws Exception {
    Map<String, Value> described = grpcMethods();
    for (io.grpc.ServiceDescriptor service :
        List.of(
            CalculatorServiceGrpc.getServiceDescriptor(),
            PhonebookServiceGrpc.getServiceDescriptor(),
            TokenServiceGrpc.getServiceDescriptor())) {
      for (io.grpc.MethodDescriptor<?, ?> method : service.getMethods()) {
        assertTrue(described.containsKey(method.getFullMethodName()), method.getFullMethodName());
      }
    }
  }

  @Test
  void methodCommentsComeFromTheProtoFiles() throws Exception {
    Value add = grpcMethods().get("netlab.calculator.v1.CalculatorService/Add");
    assertEquals(
        "x + y.\nINVALID_ARGUMENT: an operand is NaN or infinite, or the sum overflows.",
        text(add, "comment"));
    assertEquals("/netlab.calculator.v1.CalculatorService/Add", text(add, "path"));
    assertTrue(
        fields(grpcMethods().get("netlab.phonebook.v1.PhonebookService/ListEntries"))
            .get("serverStreaming")
            .getBoolValue());
  }

  @Test
  void aServiceWithoutItsOwnCommentShowsItsFilesHeader() throws Exception {
    Value calculator =
        fields(catalog().getFieldsOrThrow("grpc"))
            .get("services")
            .getListValue()
            .getValuesList()
            .stream()
            .filter(s -> text(s, "name").equals("netlab.calculator.v1.CalculatorService"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        text(calculator, "comment").startsWith("The Calculator service: arithmetic"),
        text(calculator, "comment"));
  }

  @Test
  void typesCarryTheCommentsOfTheirFieldsAndEnumValues() throws Exception {
    Map<String, Value> types = fields(fields(catalog().getFieldsOrThrow("grpc")).get("types"));
    Value removed = fields(types.get("netlab.phonebook.v1.RemoveAllResponse")).get("fields");
    assertEquals(
        "How many entries were removed.", text(removed.getListValue().getValues(0), "comment"));
    Value role = types.get("netlab.admin.v1.Role");
    assertEquals("enum", text(role, "kind"));
    assertEquals(
        "Also adding, updating and removing phonebook entries.",
        text(fields(role).get("values").getListValue().getValues(2), "comment"));
    assertTrue(types.containsKey("google.protobuf.Timestamp"), "reached through TokenInfo");
  }

  @Test
  void everyGrpcExampleIsAValidRequestOfItsMethod() throws Exception {
    for (ServiceDescriptor service : grpc.services()) {
      for (MethodDescriptor method : service.getMethods()) {
        String json = JsonValues.print(CallExamples.grpc(method));
        // Throws when a field name or a value does not fit the request type.
        JsonFormat.parser().merge(json, DynamicMessage.newBuilder(method.getInputType()));
      }
    }
  }

  @Test
  void everyXmlRpcMethodIsDescribedWithItsIntrospectionAndACallableExample() throws Exception {
    List<Value> methods =
        fields(catalog().getFieldsOrThrow("xmlrpc")).get("methods").getListValue().getValuesList();
    assertEquals(xmlRpc.size(), methods.size());
    for (int i = 0; i < methods.size(); i++) {
      XmlRpcMethodDescription method = xmlRpc.get(i);
      Value described = methods.get(i);
      assertEquals(method.name(), text(described, "name"));
      assertEquals(method.help(), text(described, "help"));
      int arity = fields(described).get("example").getListValue().getValuesCount();
      assertTrue(
          method.signatures().stream().anyMatch(signature -> signature.size() - 1 == arity),
          method.name() + " has no signature with " + arity + " parameters");
    }
    Value add =
        methods.stream()
            .filter(m -> text(m, "name").equals("calculator.add"))
            .findFirst()
            .orElseThrow();
    assertEquals("calculator.add(double x, double y): Returns x + y.", text(add, "help"));
    assertEquals("calculator", text(add, "group"));
    Value lab =
        methods.stream()
            .filter(m -> text(m, "name").equals("ajouterEntree"))
            .findFirst()
            .orElseThrow();
    assertEquals(XmlRpcCatalog.LAB_GROUP, text(lab, "group"));
  }

  @Test
  void theCatalogHoldsNoServiceTheServerDoesNotDescribe() {
    assertFalse(
        grpc.services().stream().anyMatch(s -> s.getFullName().startsWith("google.")),
        "imported files bring types, not services");
  }
}
