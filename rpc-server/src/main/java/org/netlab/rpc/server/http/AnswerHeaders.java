package org.netlab.rpc.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import org.netlab.rpc.contract.ServedBy;

/**
 * What every answer of the port says about the server, whichever route or refusal wrote it: its
 * name ({@code x-served-by}), and, once the server drains, {@code Connection: close}, after which
 * the connection is closed as soon as that answer is sent. A client then opens its next connection
 * elsewhere, while the answer it waited for is still delivered. Shared by every connection.
 */
@Sharable
public final class AnswerHeaders extends ChannelDuplexHandler {
  /** Set on a connection whose answer under way announced {@code Connection: close}. */
  private static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf("netlab.closing");

  private final String servedBy;
  private volatile boolean draining;

  /**
   * @param servedBy the server's name
   */
  public AnswerHeaders(String servedBy) {
    this.servedBy = ServedBy.checked(servedBy);
  }

  /** From now on every answer ends its connection. */
  public void beginDrain() {
    draining = true;
  }

  public boolean draining() {
    return draining;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
    if (message instanceof HttpResponse head) {
      head.headers().set(ServedBy.HTTP_HEADER, servedBy);
      if (draining) {
        head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.channel().attr(CLOSING).set(true);
      }
    }
    if (message instanceof LastHttpContent && ctx.channel().hasAttr(CLOSING)) {
      ctx.write(message, promise.unvoid()).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.write(message, promise);
  }
}
