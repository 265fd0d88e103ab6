package org.netlab.rpc.server.xmlrpc.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.netlab.access.AuthorizationHeader;
import org.netlab.access.CertificateNames;
import org.netlab.access.Credentials;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcDispatcher;
import org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one XML-RPC call at a time per connection: parses it and finds its method on the event
 * loop, runs it there when it only computes or on a worker when it may block, writes the answer,
 * then asks for the next request. A full worker pool answers 503 and keeps the connection.
 */
final class XmlRpcCallHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(XmlRpcCallHandler.class);

  private static final String XML = "text/xml; charset=UTF-8";

  /** Room for a typical answer, so that most are written without growing the buffer. */
  private static final int ANSWER_BUFFER_BYTES = 256;

  private final XmlRpcDispatcher xmlRpc;
  private final Executor workers;

  /** Whether a call of this connection is being answered; touched on its event loop only. */
  private boolean answering;

  /** What the connection shows of its caller before any header: read at its first request. */
  private Credentials connectionCredentials;

  XmlRpcCallHandler(XmlRpcDispatcher xmlRpc, Executor workers) {
    this.xmlRpc = xmlRpc;
    this.workers = workers;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.fireChannelActive();
    ctx.read();
  }

  /**
   * A read that ended without a whole request (a TLS handshake, half a request) used up the demand;
   * ask again unless a call is being answered.
   */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (!answering) {
      ctx.read();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    answering = true;
    Exchange exchange = new Exchange(ctx, request.protocolVersion(), HttpUtil.isKeepAlive(request));
    Credentials credentials;
    try {
      credentials = credentials(ctx, request);
    } catch (ServiceException malformed) {
      // The HTTP layer refuses what it cannot read, as HTTP does: 401 and the schemes it takes.
      FullHttpResponse refused =
          Refusal.response(HttpResponseStatus.UNAUTHORIZED, malformed.getMessage());
      refused.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, AuthorizationHeader.CHALLENGE);
      exchange.respond(refused);
      return;
    }
    XmlRpcRequest call;
    XmlRpcMethod method;
    try (InputStream body = new ByteBufInputStream(request.content())) {
      call = xmlRpc.parse(body);
      // Looked up once: the method says where the call runs, then runs it there.
      method = xmlRpc.method(call);
    } catch (XmlRpcException | IOException e) {
      exchange.respond(xml(fault(ctx, e)));
      return;
    }
    if (!method.mayBlock()) {
      exchange.respond(xml(answer(ctx, method, call, credentials)));
      return;
    }
    try {
      workers.execute(() -> exchange.respond(xml(answer(ctx, method, call, credentials))));
    } catch (RejectedExecutionException e) {
      FullHttpResponse busy =
          Refusal.response(
              HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is busy; try again shortly");
      busy.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
      exchange.respond(busy);
    }
  }

  /**
   * The connection's client certificate names and address, with the request's token.
   *
   * @throws ServiceException UNAUTHENTICATED for an authorization header that is not Bearer or
   *     Basic
   */
  private Credentials credentials(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (connectionCredentials == null) {
      connectionCredentials =
          Credentials.ofConnection(certificateNames(ctx), ctx.channel().remoteAddress());
    }
    String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    return authorization == null
        ? connectionCredentials
        : connectionCredentials.withToken(AuthorizationHeader.token(authorization));
  }

  private static List<String> certificateNames(ChannelHandlerContext ctx) {
    SslHandler tls = ctx.pipeline().get(SslHandler.class);
    return tls == null ? List.of() : CertificateNames.ofPeer(tls.engine().getSession());
  }

  private ByteBuf answer(
      ChannelHandlerContext ctx, XmlRpcMethod method, XmlRpcRequest call, Credentials credentials) {
    try {
      return written(ctx, out -> xmlRpc.answer(method, call, credentials, out));
    } catch (IOException | RuntimeException e) {
      return fault(ctx, e);
    }
  }

  private ByteBuf fault(ChannelHandlerContext ctx, Throwable error) {
    try {
      return written(ctx, out -> xmlRpc.answerFault(error, out));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a fault in memory", e);
    }
  }

  /** A body in a fresh buffer, released if writing it fails. */
  private static ByteBuf written(ChannelHandlerContext ctx, BodyWriter writer) throws IOException {
    ByteBuf body = ctx.alloc().buffer(ANSWER_BUFFER_BYTES);
    try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
      writer.write(out);
      return body;
    } catch (IOException | RuntimeException e) {
      body.release();
      throw e;
    }
  }

  @FunctionalInterface
  private interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }

  private static FullHttpResponse xml(ByteBuf answer) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, answer);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, XML)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.readableBytes());
    return response;
  }

  /** One request being answered: where, and whether the connection stays open after it. */
  private final class Exchange {
    private final ChannelHandlerContext ctx;
    private final HttpVersion version;
    private final boolean keepAlive;

    Exchange(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive) {
      this.ctx = ctx;
      this.version = version;
      this.keepAlive = keepAlive;
    }

    /**
     * Writes the answer, then reads the next request, or closes when the client asked to (its
     * request was read whole, so nothing is left unread). Listeners run on the event loop.
     */
    void respond(FullHttpResponse response) {
      HttpUtil.setKeepAlive(response.headers(), version, keepAlive);
      ctx.writeAndFlush(response)
          .addListener(
              (ChannelFutureListener)
                  written -> {
                    answering = false;
                    if (!keepAlive || !written.isSuccess()) {
                      ctx.close();
                    } else if (ctx.channel().isActive()) {
                      ctx.read();
                    }
                  });
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets, failed handshakes and the like: the client's side of the story, not a server fault.
    log.debug("XML-RPC connection from {} closed: {}", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
