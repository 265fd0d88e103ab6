package org.netlab.rpc.server.xmlrpc.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.Executor;
import org.netlab.rpc.server.xmlrpc.XmlRpcLimits;
import org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcDispatcher;

/**
 * The pipeline of one XML-RPC connection, in the order bytes flow in: the connection cap, TLS, the
 * HTTP codec, the deadlines, the checks made on the request head, the body (bounded), one request
 * at a time, and the call itself.
 */
public final class XmlRpcChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** Longest request line and header block; XML-RPC clients send a few hundred bytes. */
  private static final int MAX_INITIAL_LINE = 4096;

  private static final int MAX_HEADERS = 8192;

  private final SslContext tls;
  private final XmlRpcDispatcher xmlRpc;
  private final Executor workers;
  private final XmlRpcLimits limits;
  private final ConnectionLimit connectionLimit;

  /**
   * @param tls null for plain HTTP
   */
  public XmlRpcChannelInitializer(
      SslContext tls, XmlRpcDispatcher xmlRpc, Executor workers, XmlRpcLimits limits) {
    this.tls = tls;
    this.xmlRpc = xmlRpc;
    this.workers = workers;
    this.limits = limits;
    this.connectionLimit =
        new ConnectionLimit(limits.maxConnections(), limits.maxConnectionsPerAddress());
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast(connectionLimit);
    if (tls != null) {
      SslHandler handler = tls.newHandler(channel.alloc());
      handler.setHandshakeTimeoutMillis(limits.requestTimeout().toMillis());
      pipeline.addLast(handler);
    }
    pipeline.addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 8192));
    pipeline.addLast(new ConnectionDeadlines(limits.idleTimeout(), limits.requestTimeout()));
    pipeline.addLast(new XmlRpcRequestGate(limits.maxRequestBytes()));
    pipeline.addLast(new HttpObjectAggregator(limits.maxRequestBytes()));
    pipeline.addLast(new FlowControlHandler());
    pipeline.addLast(new XmlRpcCallHandler(xmlRpc, workers));
  }
}
