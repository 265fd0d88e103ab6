package org.netlab.rpc.server.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import java.util.function.Supplier;
import org.netlab.access.AuthorizationHeader;
import org.netlab.access.Credentials;

/**
 * One request being answered on a connection that answers one request at a time: a single answer
 * ({@link #respond}) or a streamed one ({@link #startStream}, {@link #stream}, {@link #endStream}).
 * Once the answer is written the connection reads its next request, or closes when the client asked
 * for that. Methods may be called from any thread.
 */
public final class HttpExchange {
  private final ChannelHandlerContext ctx;
  private final HttpVersion version;
  private final boolean keepAlive;
  private final Supplier<Credentials> connectionCredentials;
  private final Runnable answered;

  HttpExchange(
      ChannelHandlerContext ctx,
      HttpRequest request,
      Supplier<Credentials> connectionCredentials,
      Runnable answered) {
    this.ctx = ctx;
    this.version = request.protocolVersion();
    this.keepAlive = HttpUtil.isKeepAlive(request);
    this.connectionCredentials = connectionCredentials;
    this.answered = answered;
  }

  /** Where the answer's buffers come from. */
  public ByteBufAllocator alloc() {
    return ctx.alloc();
  }

  /**
   * The connection's client certificate names and address, with the request's token when it sends
   * one.
   *
   * @throws org.netlab.domain.ServiceException UNAUTHENTICATED for an {@code Authorization} header
   *     that is neither Bearer nor Basic
   */
  public Credentials credentials(HttpRequest request) {
    String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    Credentials connection = connectionCredentials.get();
    return authorization == null
        ? connection
        : connection.withToken(AuthorizationHeader.token(authorization));
  }

  /** Writes the whole answer. */
  public void respond(FullHttpResponse response) {
    HttpUtil.setKeepAlive(response.headers(), version, keepAlive);
    ctx.writeAndFlush(response).addListener(this::finished);
  }

  /** Writes the head of an answer whose body follows in chunks. */
  public void startStream(HttpResponse head) {
    HttpUtil.setKeepAlive(head.headers(), version, keepAlive);
    HttpUtil.setTransferEncodingChunked(head, true);
    ctx.write(head);
  }

  /** Writes and sends one chunk of a streamed answer; the future completes once it is sent. */
  public ChannelFuture stream(HttpContent chunk) {
    return ctx.writeAndFlush(chunk);
  }

  /** Writes the end of a streamed answer (and its trailers, if any). */
  public void endStream(LastHttpContent last) {
    ctx.writeAndFlush(last).addListener(this::finished);
  }

  /**
   * Reads the next request, or closes when the client asked to (its request was read whole, so
   * nothing is left unread) or the answer could not be written. Runs on the event loop.
   */
  private void finished(Future<? super Void> written) {
    answered.run();
    if (!keepAlive || !written.isSuccess()) {
      ctx.close();
    } else if (ctx.channel().isActive()) {
      ctx.read();
    }
  }
}
