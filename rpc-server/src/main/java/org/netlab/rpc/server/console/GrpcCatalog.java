package org.netlab.rpc.server.console;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gRPC half of the console's description: each service with its file's comment, each method
 * with its comment, its request and response types, whether it streams, its path on the JSON
 * gateway and an example request; then every message and enum those types reach, field by field.
 */
final class GrpcCatalog {
  /** How well-known types look in JSON, which their fields do not tell. */
  private static final Map<String, String> JSON_FORMS =
      Map.of(
          "google.protobuf.Timestamp", "RFC 3339 text, e.g. \"2026-12-01T09:30:00Z\"",
          "google.protobuf.Duration", "seconds as text with an s, e.g. \"1.5s\"");

  private final Map<String, Value> types = new TreeMap<>();

  private GrpcCatalog() {}

  /** Services in this package come after the others: they manage access to them. */
  private static final String ADMINISTRATION = "netlab.admin.";

  /** {@code {"services": [...], "types": {...}}}, administration last. */
  static Value of(List<ServiceDescriptor> services) {
    GrpcCatalog catalog = new GrpcCatalog();
    List<Value> described =
        services.stream()
            .sorted(Comparator.comparing(s -> s.getFullName().startsWith(ADMINISTRATION)))
            .map(catalog::service)
            .toList();
    Struct.Builder types = Struct.newBuilder().putAllFields(catalog.types);
    return JsonValues.object(
        Struct.newBuilder()
            .putFields("services", JsonValues.list(described))
            .putFields("types", JsonValues.object(types)));
  }

  private Value service(ServiceDescriptor service) {
    String comment = ProtoComments.of(service);
    return JsonValues.object(
        Struct.newBuilder()
            .putFields("name", JsonValues.string(service.getFullName()))
            .putFields("file", JsonValues.string(service.getFile().getName()))
            .putFields(
                "comment",
                JsonValues.string(
                    comment.isEmpty() ? ProtoComments.ofFile(service.getFile()) : comment))
            .putFields(
                "methods",
                JsonValues.list(service.getMethods().stream().map(this::method).toList())));
  }

  private Value method(MethodDescriptor method) {
    reach(method.getInputType());
    reach(method.getOutputType());
    return JsonValues.object(
        Struct.newBuilder()
            .putFields("name", JsonValues.string(method.getName()))
            .putFields(
                "path",
                JsonValues.string("/" + method.getService().getFullName() + "/" + method.getName()))
            .putFields("comment", JsonValues.string(ProtoComments.of(method)))
            .putFields("requestType", JsonValues.string(method.getInputType().getFullName()))
            .putFields("responseType", JsonValues.string(method.getOutputType().getFullName()))
            .putFields("clientStreaming", JsonValues.bool(method.isClientStreaming()))
            .putFields("serverStreaming", JsonValues.bool(method.isServerStreaming()))
            .putFields("example", CallExamples.grpc(method)));
  }

  /** Describes a message and every type its fields reach, each once. */
  private void reach(Descriptor message) {
    if (types.containsKey(message.getFullName())) {
      return;
    }
    types.put(message.getFullName(), Value.getDefaultInstance()); // stops cycles
    List<Value> fields = new ArrayList<>();
    for (FieldDescriptor field : message.getFields()) {
      fields.add(field(field));
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        reach(field.getMessageType());
      } else if (field.getJavaType() == FieldDescriptor.JavaType.ENUM) {
        reach(field.getEnumType());
      }
    }
    Struct.Builder type =
        Struct.newBuilder()
            .putFields("kind", JsonValues.string("message"))
            .putFields("comment", JsonValues.string(ProtoComments.of(message)))
            .putFields("fields", JsonValues.list(fields));
    String jsonForm = JSON_FORMS.get(message.getFullName());
    if (jsonForm != null) {
      type.putFields("json", JsonValues.string(jsonForm));
    }
    types.put(message.getFullName(), JsonValues.object(type));
  }

  private void reach(EnumDescriptor type) {
    if (types.containsKey(type.getFullName())) {
      return;
    }
    List<Value> values = type.getValues().stream().map(GrpcCatalog::enumValue).toList();
    types.put(
        type.getFullName(),
        JsonValues.object(
            Struct.newBuilder()
                .putFields("kind", JsonValues.string("enum"))
                .putFields("comment", JsonValues.string(ProtoComments.of(type)))
                .putFields("values", JsonValues.list(values))));
  }

  private static Value field(FieldDescriptor field) {
    return JsonValues.object(
        Struct.newBuilder()
            .putFields("name", JsonValues.string(field.getName()))
            .putFields("jsonName", JsonValues.string(field.getJsonName()))
            .putFields("number", JsonValues.number(field.getNumber()))
            .putFields("type", JsonValues.string(typeName(field)))
            .putFields("repeated", JsonValues.bool(field.isRepeated()))
            .putFields("comment", JsonValues.string(ProtoComments.of(field))));
  }

  private static Value enumValue(EnumValueDescriptor value) {
    return JsonValues.object(
        Struct.newBuilder()
            .putFields("name", JsonValues.string(value.getName()))
            .putFields("number", JsonValues.number(value.getNumber()))
            .putFields("comment", JsonValues.string(ProtoComments.of(value))));
  }

  /** {@code double}, {@code string}, or the full name of a message or enum. */
  private static String typeName(FieldDescriptor field) {
    return switch (field.getJavaType()) {
      case MESSAGE -> field.getMessageType().getFullName();
      case ENUM -> field.getEnumType().getFullName();
      default -> field.getType().name().toLowerCase(Locale.ROOT);
    };
  }
}
