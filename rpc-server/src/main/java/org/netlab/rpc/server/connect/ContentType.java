package org.netlab.rpc.server.connect;

import java.util.Locale;
import java.util.Optional;

/**
 * What a request's {@code Content-Type} asks of the gateway: the wire format of its messages, and
 * whether it speaks Connect's streaming protocol (enveloped messages) or its unary one.
 */
record ContentType(WireFormat format, boolean streaming) {
  /** The content types the gateway reads, for a 415 answer. */
  static final String ACCEPTED =
      "application/json, application/proto, application/connect+json, application/connect+proto";

  /** The type a header names, parameters such as {@code charset=utf-8} aside; empty if unknown. */
  static Optional<ContentType> of(String header) {
    if (header == null) {
      return Optional.empty();
    }
    int parameters = header.indexOf(';');
    String type =
        (parameters < 0 ? header : header.substring(0, parameters))
            .strip()
            .toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/json" -> Optional.of(new ContentType(WireFormat.JSON, false));
      case "application/proto" -> Optional.of(new ContentType(WireFormat.PROTO, false));
      case "application/connect+json" -> Optional.of(new ContentType(WireFormat.JSON, true));
      case "application/connect+proto" -> Optional.of(new ContentType(WireFormat.PROTO, true));
      default -> Optional.empty();
    };
  }

  /** The type of the answer: the request's own. */
  String answerType() {
    return streaming ? format.streamingContentType() : format.unaryContentType();
  }
}
