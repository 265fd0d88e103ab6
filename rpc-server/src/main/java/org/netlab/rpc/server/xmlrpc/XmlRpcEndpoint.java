package org.netlab.rpc.server.xmlrpc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.contract.DefaultAddresses;
import org.netlab.rpc.server.Endpoint;
import org.netlab.rpc.server.ServerName;
import org.netlab.rpc.server.access.ServerAccess;
import org.netlab.rpc.server.grpc.GrpcEndpointSettings;
import org.netlab.rpc.server.http.AnswerHeaders;
import org.netlab.rpc.server.http.HttpChannelInitializer;
import org.netlab.rpc.server.http.HttpRoute;
import org.netlab.rpc.server.metrics.CallMeters;
import org.netlab.rpc.server.xmlrpc.codec.XmlRpcCodec;
import org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcDispatcher;
import org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethodTable;
import org.netlab.rpc.server.xmlrpc.http.XmlRpcRoute;
import org.netlab.tls.TlsFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Calculator and the Phonebook over XML-RPC at {@code /RPC2}, over HTTPS (plain HTTP when no
 * TLS files are given) with HTTP/1.1 keep-alive; on the same port, the other {@link HttpRoute}s it
 * is given (the JSON gateway, the console, metrics).
 *
 * <p>The HTTP server is Netty: on this kind of small machine the JDK's {@code HttpsServer} tops out
 * below the request rate asked of this endpoint even for a fixed answer, while Netty with epoll and
 * BoringSSL (both loaded from the jars where the platform allows, NIO and the JDK's TLS otherwise)
 * leaves most of the time to XML-RPC itself. Calculator calls are parsed and answered on the event
 * loop that read them; calls that may wait on the phonebook's store go to a bounded worker pool,
 * and a full pool answers 503 rather than queueing without bound.
 */
public final class XmlRpcEndpoint implements Endpoint {
  private static final Logger log = LoggerFactory.getLogger(XmlRpcEndpoint.class);

  /** Longest wait for calls in progress when closing, as gRPC's. */
  private static final Duration SHUTDOWN_GRACE = GrpcEndpointSettings.DEFAULT_SHUTDOWN_GRACE;

  /** Longest wait for answered connections to close, and for the event loops to stop. */
  private static final int STOP_DELAY_SECONDS = 2;

  private final InetSocketAddress address;
  private final String scheme;
  private final List<HttpRoute> routes;
  private final HttpChannelInitializer channels;
  private final AnswerHeaders answerHeaders;
  private final ThreadPoolExecutor workers;
  private final EventLoopGroup eventLoops;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Channel listener;

  /**
   * Prepares the endpoint; {@link #start()} binds the address (port 0 picks a free one) and serves.
   *
   * @param tls the certificate and key to present, and the CA of client certificates when they are
   *     required (mutual TLS); null serves plain HTTP
   * @param access who may call what; every method goes through it
   * @throws IOException when a TLS file cannot be read or does not fit
   */
  public XmlRpcEndpoint(
      InetSocketAddress address,
      TlsFiles tls,
      Calculator calculator,
      Phonebook phonebook,
      ServerAccess access,
      XmlRpcLimits limits)
      throws IOException {
    this(address, tls, calculator, phonebook, access, limits, List.of(), CallMeters.NONE);
  }

  /**
   * Prepares the endpoint with more routes on the same port beside XML-RPC (the JSON gateway, the
   * console, metrics), every XML-RPC call counted and timed by {@code calls}.
   *
   * @param otherRoutes tried in order after XML-RPC's path
   * @throws IOException when a TLS file cannot be read or does not fit
   */
  public XmlRpcEndpoint(
      InetSocketAddress address,
      TlsFiles tls,
      Calculator calculator,
      Phonebook phonebook,
      ServerAccess access,
      XmlRpcLimits limits,
      List<HttpRoute> otherRoutes,
      CallMeters calls)
      throws IOException {
    this(
        address,
        tls,
        calculator,
        phonebook,
        access,
        limits,
        otherRoutes,
        calls,
        ServerName.ofProcess());
  }

  /**
   * As the constructor above, every answer naming the server {@code servedBy} ({@code
   * x-served-by}).
   *
   * @throws IOException when a TLS file cannot be read or does not fit
   */
  public XmlRpcEndpoint(
      InetSocketAddress address,
      TlsFiles tls,
      Calculator calculator,
      Phonebook phonebook,
      ServerAccess access,
      XmlRpcLimits limits,
      List<HttpRoute> otherRoutes,
      CallMeters calls,
      String servedBy)
      throws IOException {
    this.address = Objects.requireNonNull(address, "address");
    Objects.requireNonNull(limits, "limits");
    XmlRpcMethodTable methods = XmlRpcMethodTable.forServices(calculator, phonebook, access, calls);
    XmlRpcDispatcher xmlRpc =
        new XmlRpcDispatcher(
            new XmlRpcCodec(limits.maxNestingDepth()), methods, access.gatekeeper());
    scheme = tls == null ? "http" : "https";
    workers =
        new ThreadPoolExecutor(
            limits.workerThreads(),
            limits.workerThreads(),
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(limits.maxQueuedRequests()),
            Thread.ofPlatform().name("xmlrpc-worker-", 1).daemon(true).factory(),
            new ThreadPoolExecutor.AbortPolicy());
    List<HttpRoute> served = new ArrayList<>();
    served.add(new XmlRpcRoute(xmlRpc, workers));
    served.addAll(otherRoutes);
    routes = List.copyOf(served);
    answerHeaders = new AnswerHeaders(servedBy);
    channels =
        new HttpChannelInitializer(
            tls == null ? null : sslContext(tls), routes, limits, answerHeaders);
    eventLoops =
        new MultiThreadIoEventLoopGroup(
            0,
            // Netty's own threads make its buffer pools' thread caches cheap to reach.
            new DefaultThreadFactory("xmlrpc-io", true),
            ioHandlers());
  }

  /**
   * Binds the address and starts serving.
   *
   * @throws IOException when the address cannot be bound (port taken, no such address)
   */
  @Override
  public void start() throws IOException {
    if (closed.get()) {
      throw new IllegalStateException("the XML-RPC endpoint is closed");
    }
    if (!started.compareAndSet(false, true)) {
      return;
    }
    try {
      listener =
          new ServerBootstrap()
              .group(eventLoops)
              .channel(serverChannelType())
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childOption(ChannelOption.TCP_NODELAY, true)
              // Each connection reads its next request only once the last one is answered.
              .childOption(ChannelOption.AUTO_READ, false)
              .childHandler(channels)
              .bind(address)
              .sync()
              .channel();
    } catch (Exception e) {
      started.set(false);
      throw new IOException(
          "cannot listen for XML-RPC on "
              + address.getHostString()
              + ":"
              + address.getPort()
              + ": "
              + e.getMessage(),
          e);
    }
    log.debug(
        "XML-RPC serving at {} ({}, TLS by {})",
        url(),
        Epoll.isAvailable() ? "epoll" : "NIO",
        tlsProvider());
  }

  public int port() {
    return boundAddress().getPort();
  }

  /** Where clients call, e.g. {@code https://127.0.0.1:8443/RPC2}. */
  @Override
  public String url() {
    return uri().toString();
  }

  /** {@link #url()} as a URI. */
  public URI uri() {
    InetSocketAddress bound = boundAddress();
    String host = bound.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create(
        scheme + "://" + host + ":" + bound.getPort() + DefaultAddresses.XML_RPC_PATH);
  }

  private InetSocketAddress boundAddress() {
    Channel bound = listener;
    if (bound == null) {
      throw new IllegalStateException("the XML-RPC endpoint is not started");
    }
    return (InetSocketAddress) bound.localAddress();
  }

  /** Connections open now on the port (XML-RPC's and the other routes'), from their accept. */
  @Override
  public int openConnections() {
    return channels.openConnections();
  }

  /**
   * Every answer from now on says {@code Connection: close} and ends its connection, so clients
   * take their next calls elsewhere; the other routes' health turns NOT_SERVING. Calls go on being
   * served, new connections included.
   */
  @Override
  public void beginDrain() {
    answerHeaders.beginDrain();
    routes.forEach(HttpRoute::beginDrain);
  }

  /**
   * Stops accepting, closes the connections not answering a request, lets calls in progress finish
   * (within {@link #SHUTDOWN_GRACE}) and closes their connections once answered, then stops.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Channel bound = listener;
    if (bound != null) {
      bound.close().awaitUninterruptibly();
    }
    channels.closeIdleConnections();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("XML-RPC calls still running after {}; stopping them", SHUTDOWN_GRACE);
        workers.shutdownNow();
      }
      awaitConnectionsClosed();
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    eventLoops
        .shutdownGracefully(0, STOP_DELAY_SECONDS, TimeUnit.SECONDS)
        .awaitUninterruptibly(STOP_DELAY_SECONDS + 1, TimeUnit.SECONDS);
    routes.forEach(HttpRoute::close);
  }

  /** Answers written by the event loops close their connections; waits for that, briefly. */
  private void awaitConnectionsClosed() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_DELAY_SECONDS);
    while (channels.openConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private static IoHandlerFactory ioHandlers() {
    return Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  private static Class<? extends ServerChannel> serverChannelType() {
    return Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  private static SslProvider tlsProvider() {
    return OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
  }

  private static SslContext sslContext(TlsFiles tls) throws IOException {
    try {
      SslContextBuilder builder =
          SslContextBuilder.forServer(tls.chain().toFile(), tls.key().toFile())
              .sslProvider(tlsProvider())
              .protocols("TLSv1.3", "TLSv1.2");
      if (tls.mutual()) {
        builder.trustManager(tls.clientCa().toFile()).clientAuth(ClientAuth.REQUIRE);
      }
      return builder.build();
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot set up TLS for XML-RPC: " + e.getMessage(), e);
    }
  }
}
