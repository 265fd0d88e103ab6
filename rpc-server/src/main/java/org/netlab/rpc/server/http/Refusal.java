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
import org.netlab.access.AuthorizationHeader;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;

/**
 * The short plain-text answers of requests that never reach a route's work: 4xx and 503, and the
 * refusals of the access checks.
 */
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

  /**
   * The answer to a call the access checks or a service refused: the HTTP status of its code and
   * its message; 401 names the schemes taken, as HTTP asks.
   */
  public static FullHttpResponse of(ServiceException refused) {
    FullHttpResponse response = response(statusOf(refused.code()), refused.getMessage());
    if (refused.code() == ErrorCode.UNAUTHENTICATED) {
      response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, AuthorizationHeader.CHALLENGE);
    }
    return response;
  }

  /** The HTTP status of each error code: one mapping for every route that answers plain HTTP. */
  public static HttpResponseStatus statusOf(ErrorCode code) {
    return switch (code) {
      case INVALID_ARGUMENT -> HttpResponseStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
      case ALREADY_EXISTS -> HttpResponseStatus.CONFLICT;
      case UNAUTHENTICATED -> HttpResponseStatus.UNAUTHORIZED;
      case PERMISSION_DENIED -> HttpResponseStatus.FORBIDDEN;
      case RESOURCE_EXHAUSTED -> HttpResponseStatus.TOO_MANY_REQUESTS;
      case UNAVAILABLE -> HttpResponseStatus.SERVICE_UNAVAILABLE;
      case INTERNAL -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
    };
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
