package org.netlab.rpc.server.xmlrpc;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.server.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Calculator and the Phonebook over XML-RPC at {@code /RPC2}, on the JDK's HTTPS server (plain
 * HTTP when no {@link SSLContext} is given), with HTTP/1.1 keep-alive and a bounded worker pool.
 *
 * <p>The JDK server was chosen because it ships with the JDK, does keep-alive and TLS, and at a few
 * thousand bytes per call needs nothing more; Apache XML-RPC's own {@code WebServer} speaks
 * HTTP/1.0 without TLS, and a servlet container would be a much larger dependency. It is started
 * with TCP_NODELAY ({@code sun.net.httpserver.nodelay}): without it each small answer waits about
 * 40 ms on Nagle's algorithm and the client's delayed ACK.
 */
public final class XmlRpcEndpoint implements Endpoint {
  private static final Logger log = LoggerFactory.getLogger(XmlRpcEndpoint.class);

  /** Longest wait for calls in progress when closing. */
  private static final int STOP_DELAY_SECONDS = 2;

  private final InetSocketAddress address;
  private final HttpServer server;
  private final ThreadPoolExecutor workers;
  private final String scheme;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Prepares the endpoint; {@link #start()} binds the address (port 0 picks a free one) and serves.
   *
   * @param tls the server's TLS context, from {@code SslContexts.forServer}; null serves plain HTTP
   * @param requireClientCertificate whether clients must present a certificate trusted by {@code
   *     tls} (mutual TLS)
   */
  public XmlRpcEndpoint(
      InetSocketAddress address,
      SSLContext tls,
      boolean requireClientCertificate,
      Calculator calculator,
      Phonebook phonebook,
      XmlRpcLimits limits)
      throws IOException {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(limits, "limits");
    configureJdkHttpServer(limits);
    List<XmlRpcMethod> methods = new ArrayList<>();
    methods.addAll(new CalculatorXmlRpcHandler(Objects.requireNonNull(calculator)).methods());
    methods.addAll(new PhonebookXmlRpcHandler(Objects.requireNonNull(phonebook)).methods());
    HardenedXmlRpcServer xmlRpc =
        new HardenedXmlRpcServer(new XmlRpcMethodTable(methods), limits.maxNestingDepth());

    this.address = address;
    server = tls == null ? HttpServer.create() : https(tls, requireClientCertificate);
    scheme = tls == null ? "http" : "https";
    workers =
        new ThreadPoolExecutor(
            limits.workerThreads(),
            limits.workerThreads(),
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(limits.maxQueuedRequests()),
            workerThreads());
    // A rejected exchange makes the JDK server close that connection: load is shed
    // instead of queued without bound.
    workers.setRejectedExecutionHandler(new ThreadPoolExecutor.AbortPolicy());
    server.setExecutor(workers);
    server.createContext(
        XmlRpcHttpHandler.PATH, new XmlRpcHttpHandler(xmlRpc, limits.maxRequestBytes()));
  }

  /** A TLS endpoint without client certificates. */
  public XmlRpcEndpoint(
      InetSocketAddress address,
      SSLContext tls,
      Calculator calculator,
      Phonebook phonebook,
      XmlRpcLimits limits)
      throws IOException {
    this(address, tls, false, calculator, phonebook, limits);
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
    if (started.compareAndSet(false, true)) {
      try {
        server.bind(address, 0);
      } catch (IOException e) {
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
      server.start();
      log.info("XML-RPC serving at {}", url());
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Where clients call, e.g. {@code https://127.0.0.1:8443/RPC2}. */
  @Override
  public String url() {
    return uri().toString();
  }

  /** {@link #url()} as a URI. */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create(scheme + "://" + host + ":" + address.getPort() + XmlRpcHttpHandler.PATH);
  }

  /** XML-RPC has no health service to warn clients with; calls go on being served. */
  @Override
  public void beginDrain() {}

  /** Stops accepting, lets calls in progress finish for a short while, then stops. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(started.get() ? STOP_DELAY_SECONDS : 0);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(STOP_DELAY_SECONDS, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static HttpsServer https(SSLContext tls, boolean requireClientCertificate)
      throws IOException {
    HttpsServer https = HttpsServer.create();
    https.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
            parameters.setNeedClientAuth(requireClientCertificate);
            params.setSSLParameters(parameters);
          }
        });
    return https;
  }

  private static ThreadFactory workerThreads() {
    return Thread.ofPlatform().name("xmlrpc-worker-", 1).daemon(true).factory();
  }

  /**
   * The JDK server takes its timeouts and connection cap from system properties read once per JVM;
   * set them unless the command line did.
   */
  private static synchronized void configureJdkHttpServer(XmlRpcLimits limits) {
    setIfAbsent("sun.net.httpserver.nodelay", "true");
    setIfAbsent(
        "sun.net.httpserver.maxReqTime", String.valueOf(limits.requestTimeout().toSeconds()));
    setIfAbsent(
        "sun.net.httpserver.idleInterval", String.valueOf(limits.idleTimeout().toSeconds()));
    setIfAbsent("jdk.httpserver.maxConnections", String.valueOf(limits.maxConnections()));
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }
}
