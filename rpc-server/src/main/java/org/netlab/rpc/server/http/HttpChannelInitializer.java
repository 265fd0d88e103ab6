package org.netlab.rpc.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.List;
import org.netlab.rpc.server.xmlrpc.XmlRpcLimits;

/**
 * The pipeline of one connection to the HTTPS port, in the order bytes flow in: the connection cap,
 * TLS, the HTTP codec, the headers every answer carries, the deadlines, the checks made on the
 * request head (which choose its route), the body (bounded), one request at a time, and the route's
 * answer.
 */
public final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** Longest request line and header block; RPC clients and browsers send a few hundred bytes. */
  private static final int MAX_INITIAL_LINE = 4096;

  private static final int MAX_HEADERS = 8192;

  private final SslContext tls;
  private final List<HttpRoute> routes;
  private final XmlRpcLimits limits;
  private final ConnectionLimit connectionLimit;
  private final AnswerHeaders answerHeaders;

  /** Every open connection; a closed one leaves the group by itself. */
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  /**
   * @param tls null for plain HTTP
   * @param routes tried in order for each request; the first that serves its path answers it
   * @param answerHeaders what every answer says of the server
   */
  public HttpChannelInitializer(
      SslContext tls, List<HttpRoute> routes, XmlRpcLimits limits, AnswerHeaders answerHeaders) {
    this.tls = tls;
    this.routes = List.copyOf(routes);
    this.limits = limits;
    this.answerHeaders = answerHeaders;
    this.connectionLimit =
        new ConnectionLimit(limits.maxConnections(), limits.maxConnectionsPerAddress());
  }

  /** Connections open now on the port, counted from their accept. */
  public int openConnections() {
    return connectionLimit.open();
  }

  /**
   * Closes every connection that is not answering a request now; the others close once their answer
   * is sent, since {@link AnswerHeaders} drains.
   */
  public void closeIdleConnections() {
    answerHeaders.beginDrain();
    channels.forEach(channel -> channel.pipeline().fireUserEventTriggered(RouteHandler.DRAIN));
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    channels.add(channel);
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast(connectionLimit);
    if (tls != null) {
      SslHandler handler = tls.newHandler(channel.alloc());
      handler.setHandshakeTimeoutMillis(limits.requestTimeout().toMillis());
      pipeline.addLast(handler);
    }
    pipeline.addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 8192));
    pipeline.addLast(answerHeaders);
    pipeline.addLast(new ConnectionDeadlines(limits.idleTimeout(), limits.requestTimeout()));
    RequestGate gate = new RequestGate(routes, limits.maxRequestBytes());
    pipeline.addLast(gate);
    pipeline.addLast(new HttpObjectAggregator(limits.maxRequestBytes()));
    pipeline.addLast(new FlowControlHandler());
    pipeline.addLast(new RouteHandler(gate));
  }
}
