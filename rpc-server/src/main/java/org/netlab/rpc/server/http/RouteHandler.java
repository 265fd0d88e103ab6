package org.netlab.rpc.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.ssl.SslHandler;
import java.util.List;
import org.netlab.access.CertificateNames;
import org.netlab.access.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each whole request to the route the {@link RequestGate} chose for it, one request at a time
 * per connection: the next is read only once the last is answered.
 */
final class RouteHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(RouteHandler.class);

  /** Fired at each connection when the server stops: one not answering a request closes now. */
  static final Object DRAIN = new Object();

  private final RequestGate gate;

  /** Whether a request of this connection is being answered; touched on its event loop only. */
  private boolean answering;

  /** What the connection shows of its caller before any header: read at its first request. */
  private volatile Credentials connectionCredentials;

  RouteHandler(RequestGate gate) {
    this.gate = gate;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.fireChannelActive();
    ctx.read();
  }

  /**
   * A read that ended without a whole request (a TLS handshake, half a request) used up the demand;
   * ask again unless a request is being answered.
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
    HttpExchange exchange =
        new HttpExchange(ctx, request, () -> connectionCredentials(ctx), () -> answering = false);
    gate.admittedRoute().handle(exchange, request);
  }

  private Credentials connectionCredentials(ChannelHandlerContext ctx) {
    Credentials known = connectionCredentials;
    if (known == null) {
      known = Credentials.ofConnection(certificateNames(ctx), ctx.channel().remoteAddress());
      connectionCredentials = known;
    }
    return known;
  }

  private static List<String> certificateNames(ChannelHandlerContext ctx) {
    SslHandler tls = ctx.pipeline().get(SslHandler.class);
    return tls == null ? List.of() : CertificateNames.ofPeer(tls.engine().getSession());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event == DRAIN) {
      if (!answering) {
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets, failed handshakes and the like: the client's side of the story, not a server fault.
    log.debug("HTTP connection from {} closed: {}", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
