package org.netlab.rpc.server.connect;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * How messages are written in a Connect body: protobuf's JSON mapping, or protobuf's binary form.
 * JSON is read strictly (an unknown field is an error naming it, not silently dropped, so that a
 * typo in a hand-written request is seen) and written with every field, zeros included, so that
 * {@code 2 - 2} answers {@code {"value":0}} rather than {@code {}}.
 */
enum WireFormat {
  JSON("json") {
    @Override
    Message parse(ByteBuf bytes, Message empty) throws InvalidProtocolBufferException {
      Message.Builder builder = empty.newBuilderForType();
      String text = bytes.toString(StandardCharsets.UTF_8);
      if (!text.isBlank()) {
        JsonNesting.check(text, MAX_NESTING);
        JSON_PARSER.merge(text, builder);
      }
      return builder.build();
    }

    @Override
    byte[] write(Message message) throws InvalidProtocolBufferException {
      return JSON_PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
    }
  },
  PROTO("proto") {
    @Override
    Message parse(ByteBuf bytes, Message empty) throws InvalidProtocolBufferException {
      try (InputStream in = new ByteBufInputStream(bytes.duplicate())) {
        return empty.getParserForType().parseFrom(in);
      } catch (InvalidProtocolBufferException e) {
        throw e;
      } catch (IOException e) {
        throw new InvalidProtocolBufferException(e);
      }
    }

    @Override
    byte[] write(Message message) {
      return message.toByteArray();
    }
  };

  /** As deep as XML-RPC requests may nest. */
  private static final int MAX_NESTING = 32;

  private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser();

  private static final JsonFormat.Printer JSON_PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace().includingDefaultValueFields();

  private final String suffix;

  WireFormat(String suffix) {
    this.suffix = suffix;
  }

  /** The unary content type: {@code application/json}, {@code application/proto}. */
  String unaryContentType() {
    return "application/" + suffix;
  }

  /** The streaming content type: {@code application/connect+json}, {@code +proto}. */
  String streamingContentType() {
    return "application/connect+" + suffix;
  }

  /** Reads a message of {@code empty}'s type; an empty body is the empty message. */
  abstract Message parse(ByteBuf bytes, Message empty) throws InvalidProtocolBufferException;

  abstract byte[] write(Message message) throws InvalidProtocolBufferException;
}
