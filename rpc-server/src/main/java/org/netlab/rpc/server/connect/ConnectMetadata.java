package org.netlab.rpc.server.connect;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.Metadata;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gRPC metadata as Connect carries it: HTTP headers (trailers of a unary call with a {@code
 * trailer-} prefix), or the {@code metadata} object of a stream's end. Binary values ({@code -bin}
 * keys) are base64, as Connect says. gRPC's own reserved keys are not passed on.
 */
final class ConnectMetadata {
  private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

  private ConnectMetadata() {}

  /** Adds every entry of {@code metadata} to {@code headers}, each name after {@code prefix}. */
  static void copy(Metadata metadata, HttpHeaders headers, String prefix) {
    if (metadata == null) {
      return;
    }
    for (Map.Entry<String, List<String>> entry : entries(metadata).entrySet()) {
      headers.add(prefix + entry.getKey(), entry.getValue());
    }
  }

  /** {@code metadata} as a JSON object of string arrays. */
  static Struct asJson(Metadata metadata) {
    Struct.Builder json = Struct.newBuilder();
    entries(metadata)
        .forEach(
            (key, values) -> {
              ListValue.Builder list = ListValue.newBuilder();
              values.forEach(value -> list.addValues(Value.newBuilder().setStringValue(value)));
              json.putFields(key, Value.newBuilder().setListValue(list).build());
            });
    return json.build();
  }

  private static Map<String, List<String>> entries(Metadata metadata) {
    Map<String, List<String>> entries = new LinkedHashMap<>();
    if (metadata == null) {
      return entries;
    }
    for (String key : metadata.keys()) {
      if (reserved(key)) {
        continue;
      }
      List<String> values = new ArrayList<>();
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        metadata
            .getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))
            .forEach(value -> values.add(BASE64.encodeToString(value)));
      } else {
        metadata
            .getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))
            .forEach(values::add);
      }
      entries.put(key, values);
    }
    return entries;
  }

  private static boolean reserved(String key) {
    return key.startsWith("grpc-") || key.equals("content-type") || key.equals("te");
  }
}
