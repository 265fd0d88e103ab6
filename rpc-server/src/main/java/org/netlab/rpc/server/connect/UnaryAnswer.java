package org.netlab.rpc.server.connect;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.netlab.rpc.server.http.HttpExchange;

/**
 * Turns the outcome of a unary gRPC call into Connect's unary answer: 200 with the message, or the
 * error's HTTP status with Connect's error JSON; headers as headers, trailers as {@code trailer-}
 * headers.
 */
final class UnaryAnswer extends ClientCall.Listener<Message> {
  private final HttpExchange exchange;
  private final ContentType type;
  private final Runnable ended;
  private Metadata headers;
  private Message answer;

  /**
   * @param ended run once the call has ended, before the answer is written
   */
  UnaryAnswer(HttpExchange exchange, ContentType type, Runnable ended) {
    this.exchange = exchange;
    this.type = type;
    this.ended = ended;
  }

  @Override
  public void onHeaders(Metadata headers) {
    this.headers = headers;
  }

  @Override
  public void onMessage(Message message) {
    answer = message;
  }

  @Override
  public void onClose(Status status, Metadata trailers) {
    ended.run();
    if (status.isOk() && answer == null) {
      status = Status.INTERNAL.withDescription("the service ended the call without an answer");
    }
    if (!status.isOk()) {
      exchange.respond(ConnectErrors.unary(status, headers, trailers));
      return;
    }
    byte[] body;
    try {
      body = type.format().write(answer);
    } catch (InvalidProtocolBufferException e) {
      exchange.respond(
          ConnectErrors.unary(
              Status.INTERNAL.withDescription("the answer cannot be written as JSON"),
              headers,
              trailers));
      return;
    }
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(body));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, type.answerType())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    ConnectMetadata.copy(headers, response.headers(), "");
    ConnectMetadata.copy(trailers, response.headers(), "trailer-");
    exchange.respond(response);
  }
}
