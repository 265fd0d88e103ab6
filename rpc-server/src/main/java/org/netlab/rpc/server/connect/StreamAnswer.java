package org.netlab.rpc.server.connect;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.netlab.rpc.server.http.HttpExchange;

/**
 * Turns a server-streaming gRPC call into Connect's streaming answer: 200 at once, then each
 * message in an envelope as it comes, then an end-of-stream envelope with the status and trailers.
 * The next message is asked of the service only once the last one has left, so a slow reader slows
 * the service instead of filling memory.
 */
final class StreamAnswer extends ClientCall.Listener<Message> {
  private final HttpExchange exchange;
  private final ContentType type;
  private final Runnable ended;
  private volatile ClientCall<Message, Message> call;
  private boolean started;
  private Status failure;

  /**
   * @param ended run once the call has ended, before the end of the stream is written
   */
  StreamAnswer(HttpExchange exchange, ContentType type, Runnable ended) {
    this.exchange = exchange;
    this.type = type;
    this.ended = ended;
  }

  /** The call whose messages this answer writes: asked for more as they leave. */
  void answering(ClientCall<Message, Message> call) {
    this.call = call;
  }

  @Override
  public void onHeaders(Metadata headers) {
    start(headers);
  }

  @Override
  public void onMessage(Message message) {
    start(null);
    if (failure != null) {
      return;
    }
    byte[] payload;
    try {
      payload = type.format().write(message);
    } catch (InvalidProtocolBufferException e) {
      failure = Status.INTERNAL.withDescription("an answer cannot be written as JSON");
      call.cancel("an answer cannot be written", e);
      return;
    }
    exchange.stream(new DefaultHttpContent(Envelopes.envelope(alloc(), 0, payload)))
        .addListener(
            sent -> {
              if (sent.isSuccess()) {
                call.request(1);
              } else {
                call.cancel("the client went away", sent.cause());
              }
            });
  }

  @Override
  public void onClose(Status status, Metadata trailers) {
    ended.run();
    start(null);
    Status outcome = failure != null ? failure : status;
    byte[] end = ConnectErrors.endOfStream(outcome, trailers);
    exchange.endStream(
        new DefaultLastHttpContent(Envelopes.envelope(alloc(), Envelopes.END_OF_STREAM, end)));
  }

  private void start(Metadata headers) {
    if (started) {
      return;
    }
    started = true;
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, type.answerType());
    ConnectMetadata.copy(headers, head.headers(), "");
    exchange.startStream(head);
  }

  private ByteBufAllocator alloc() {
    return exchange.alloc();
  }
}
