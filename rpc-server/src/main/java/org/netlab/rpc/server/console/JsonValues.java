package org.netlab.rpc.server.console;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.util.List;

/**
 * JSON written with protobuf's own JSON types ({@link Struct}, {@link Value}) and {@link
 * JsonFormat}, which the server has already: no second JSON library for one document.
 */
final class JsonValues {
  private JsonValues() {}

  static Value string(String text) {
    return Value.newBuilder().setStringValue(text).build();
  }

  static Value number(double number) {
    return Value.newBuilder().setNumberValue(number).build();
  }

  static Value bool(boolean value) {
    return Value.newBuilder().setBoolValue(value).build();
  }

  static Value list(List<Value> values) {
    return Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(values)).build();
  }

  static Value strings(List<String> texts) {
    return list(texts.stream().map(JsonValues::string).toList());
  }

  static Value object(Struct.Builder fields) {
    return Value.newBuilder().setStructValue(fields).build();
  }

  /**
   * Any JSON text as a value.
   *
   * @throws IllegalArgumentException when the text is not JSON
   */
  static Value parse(String json) {
    Value.Builder value = Value.newBuilder();
    try {
      JsonFormat.parser().merge(json, value);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not JSON: " + json, e);
    }
    return value.build();
  }

  /** {@code message} as compact JSON. */
  static String print(MessageOrBuilder message) {
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace().print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
