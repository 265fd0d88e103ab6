package org.netlab.rpc.server.connect;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Metadata;
import io.grpc.Status;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Connect's error shape, {@code {"code": "invalid_argument", "message": "..."}}: the whole answer
 * of a failed unary call (with the HTTP status of its code), or the {@code error} of a stream's
 * end.
 */
final class ConnectErrors {
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private ConnectErrors() {}

  /** The answer of a unary call that failed with {@code status}. */
  static FullHttpResponse unary(Status status, Metadata headers, Metadata trailers) {
    byte[] body = json(error(status));
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            ConnectCodes.httpStatus(status.getCode()),
            Unpooled.wrappedBuffer(body));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    ConnectMetadata.copy(headers, response.headers(), "");
    ConnectMetadata.copy(trailers, response.headers(), "trailer-");
    return response;
  }

  /** The JSON of a stream's last envelope: its error, if it failed, and its trailers. */
  static byte[] endOfStream(Status status, Metadata trailers) {
    Struct.Builder end = Struct.newBuilder();
    if (!status.isOk()) {
      end.putFields("error", Value.newBuilder().setStructValue(error(status)).build());
    }
    Struct metadata = ConnectMetadata.asJson(trailers);
    if (metadata.getFieldsCount() > 0) {
      end.putFields("metadata", Value.newBuilder().setStructValue(metadata).build());
    }
    return json(end.build());
  }

  private static Struct error(Status status) {
    Struct.Builder error =
        Struct.newBuilder()
            .putFields(
                "code",
                Value.newBuilder().setStringValue(ConnectCodes.name(status.getCode())).build());
    if (status.getDescription() != null) {
      error.putFields(
          "message", Value.newBuilder().setStringValue(status.getDescription()).build());
    }
    return error.build();
  }

  private static byte[] json(Struct object) {
    try {
      return PRINTER.print(object).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a Struct always prints", e);
    }
  }
}
