package org.netlab.rpc.server.console;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Entry;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.proto.calculator.v1.BinaryOperation;
import org.netlab.proto.calculator.v1.CalculationResult;
import org.netlab.proto.phonebook.v1.AddEntryRequest;
import org.netlab.proto.phonebook.v1.ListEntriesRequest;
import org.netlab.rpc.server.http.HttpExchange;
import org.netlab.rpc.server.http.HttpRoute;

/**
 * A stand-in for the JSON gateway, written from the contract the console is written to (Connect's
 * unary JSON and its server-streaming envelopes) for a few methods, so that the console's gRPC
 * calls are tried in a browser before the gateway is there. It checks nobody.
 */
final class ConnectContractFake implements HttpRoute {
  private static final String CALCULATOR = "/netlab.calculator.v1.CalculatorService/";
  private static final String PHONEBOOK = "/netlab.phonebook.v1.PhonebookService/";
  static final String HEALTH = "/grpc.health.v1.Health/Check";

  private final Calculator calculator;
  private final Phonebook phonebook;

  ConnectContractFake(Calculator calculator, Phonebook phonebook) {
    this.calculator = calculator;
    this.phonebook = phonebook;
  }

  @Override
  public boolean serves(String path) {
    return path.startsWith(CALCULATOR) || path.startsWith(PHONEBOOK) || path.equals(HEALTH);
  }

  @Override
  public Set<HttpMethod> methods() {
    return Set.of(HttpMethod.POST);
  }

  @Override
  public void handle(HttpExchange exchange, FullHttpRequest request) {
    String path = request.uri();
    try {
      if (path.equals(PHONEBOOK + "ListEntries")) {
        listEntries(exchange, request);
        return;
      }
      String body = request.content().toString(StandardCharsets.UTF_8);
      exchange.respond(json(HttpResponseStatus.OK, JsonFormat.printer().print(unary(path, body))));
    } catch (ServiceException refused) {
      exchange.respond(error(refused));
    } catch (InvalidProtocolBufferException malformed) {
      exchange.respond(
          error(ServiceException.invalidArgument("malformed JSON: " + malformed.getMessage())));
    }
  }

  private Message unary(String path, String body) throws InvalidProtocolBufferException {
    if (path.equals(HEALTH)) {
      return io.grpc.health.v1.HealthCheckResponse.newBuilder()
          .setStatus(io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING)
          .build();
    }
    if (path.equals(PHONEBOOK + "AddEntry")) {
      AddEntryRequest.Builder add = AddEntryRequest.newBuilder();
      JsonFormat.parser().merge(body, add);
      Entry entry = phonebook.add(add.getName(), add.getNumber());
      return org.netlab.proto.phonebook.v1.Entry.newBuilder()
          .setName(entry.name())
          .setNumber(entry.number())
          .build();
    }
    BinaryOperation.Builder operands = BinaryOperation.newBuilder();
    JsonFormat.parser().merge(body, operands);
    double x = operands.getX();
    double y = operands.getY();
    double value =
        switch (path.substring(CALCULATOR.length())) {
          case "Add" -> calculator.add(x, y);
          case "Divide" -> calculator.divide(x, y);
          default -> throw new ServiceException(ErrorCode.NOT_FOUND, "not in the fake: " + path);
        };
    return CalculationResult.newBuilder().setValue(value).build();
  }

  /** Envelopes: one per entry, then the end of the stream with an error or metadata. */
  private void listEntries(HttpExchange exchange, FullHttpRequest request)
      throws InvalidProtocolBufferException {
    ByteBuf in = request.content();
    in.skipBytes(1);
    int length = in.readInt();
    ListEntriesRequest.Builder list = ListEntriesRequest.newBuilder();
    JsonFormat.parser().merge(in.readCharSequence(length, StandardCharsets.UTF_8).toString(), list);
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/connect+json");
    exchange.startStream(head);
    String end;
    try {
      List<Entry> entries = phonebook.list(list.getNamePrefix());
      for (Entry entry : entries) {
        String json =
            JsonFormat.printer()
                .print(
                    org.netlab.proto.phonebook.v1.Entry.newBuilder()
                        .setName(entry.name())
                        .setNumber(entry.number()));
        exchange.stream(new DefaultHttpContent(envelope(0, json)));
      }
      end = "{\"metadata\": {\"entry-count\": [\"" + entries.size() + "\"]}}";
    } catch (ServiceException refused) {
      end =
          "{\"error\": {\"code\": \""
              + code(refused.code())
              + "\", \"message\": "
              + quoted(refused.getMessage())
              + "}}";
    }
    exchange.endStream(new DefaultLastHttpContent(envelope(2, end)));
  }

  private static ByteBuf envelope(int flags, String json) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    return Unpooled.buffer(5 + payload.length)
        .writeByte(flags)
        .writeInt(payload.length)
        .writeBytes(payload);
  }

  private static FullHttpResponse error(ServiceException refused) {
    return json(
        HttpResponseStatus.valueOf(httpStatus(refused.code())),
        "{\"code\": \""
            + code(refused.code())
            + "\", \"message\": "
            + quoted(refused.getMessage())
            + "}");
  }

  private static FullHttpResponse json(HttpResponseStatus status, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return response;
  }

  /** A JSON string literal. */
  private static String quoted(String text) {
    try {
      return JsonFormat.printer().print(Value.newBuilder().setStringValue(text));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connect's name of a code. */
  private static String code(ErrorCode code) {
    return code.name().toLowerCase(Locale.ROOT);
  }

  /** The HTTP status Connect gives a code. */
  private static int httpStatus(ErrorCode code) {
    return switch (code) {
      case INVALID_ARGUMENT -> 400;
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS -> 409;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      case RESOURCE_EXHAUSTED -> 429;
      case UNAVAILABLE -> 503;
      default -> 500;
    };
  }
}
