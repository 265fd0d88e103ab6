package org.netlab.rpc.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The short plain-text answers of requests that never reach XML-RPC: 4xx and 503. */
public final class Refusal {
  /** Longest wait for the client to stop sending after a refusal. */
  private static final int LINGER_SECONDS = 2;

  private Refusal() {}

  /** A plain-text answer: the message, on one line. */
  public static FullHttpResponse response(HttpResponseStatus status, String message) {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return response;
  }

  /** Answers and closes the connection, whose request body may be partly unread. */
  public static void send(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
    sendAndClose(ctx, response(status, message));
  }

  public static void sendAndClose(ChannelHandlerContext ctx, FullHttpResponse response) {
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener((ChannelFutureListener) written -> linger(ctx));
  }

  /**
   * Closes after a refusal without losing it. Closing a socket whose request body is still arriving
   * makes the kernel answer with a reset, which can destroy the refusal before the client has read
   * it; so the server stops writing (TLS close_notify, then FIN), goes on reading and dropping what
   * still comes, and closes when the client does or after {@link #LINGER_SECONDS}.
   */
  private static void linger(ChannelHandlerContext ctx) {
    Channel channel = ctx.channel();
    channel.eventLoop().schedule(() -> channel.close(), LINGER_SECONDS, TimeUnit.SECONDS);
    SslHandler tls = channel.pipeline().get(SslHandler.class);
    if (tls == null) {
      shutdownOutput(channel);
    } else {
      tls.closeOutbound().addListener(sent -> shutdownOutput(channel));
    }
  }

  private static void shutdownOutput(Channel channel) {
    if (channel instanceof DuplexChannel duplex && channel.isActive()) {
      duplex.shutdownOutput();
    } else {
      channel.close();
    }
  }
}
