package org.netlab.rpc.server.xmlrpc;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of an {@link XmlRpcEndpoint}.
 *
 * <p>{@code requestTimeout}, {@code idleTimeout} and {@code maxConnections} configure the JDK's
 * HTTP server, which reads them once per JVM when the first server starts: the first endpoint of a
 * process sets them, and {@code -Dsun.net.httpserver.maxReqTime=...}-style flags given on the
 * command line win.
 *
 * @param maxRequestBytes largest request body accepted; larger ones get 413
 * @param maxNestingDepth deepest nesting of arrays and structs in a request
 * @param workerThreads threads that parse and execute calls
 * @param maxQueuedRequests requests waiting for a worker; beyond it connections are closed
 * @param maxConnections open connections; beyond it the server stops accepting for a while
 * @param requestTimeout time a client has to send a whole request
 * @param idleTimeout time a keep-alive connection may sit idle before it is closed
 */
public record XmlRpcLimits(
    int maxRequestBytes,
    int maxNestingDepth,
    int workerThreads,
    int maxQueuedRequests,
    int maxConnections,
    Duration requestTimeout,
    Duration idleTimeout) {

  public XmlRpcLimits {
    requirePositive("maxRequestBytes", maxRequestBytes);
    requirePositive("maxNestingDepth", maxNestingDepth);
    requirePositive("workerThreads", workerThreads);
    requirePositive("maxQueuedRequests", maxQueuedRequests);
    requirePositive("maxConnections", maxConnections);
    requirePositive("requestTimeout", Objects.requireNonNull(requestTimeout).toSeconds());
    requirePositive("idleTimeout", Objects.requireNonNull(idleTimeout).toSeconds());
  }

  /** 1 MiB requests, 32 levels of nesting, 16 workers, 1000 connections, 30 s timeouts. */
  public static XmlRpcLimits defaults() {
    return new XmlRpcLimits(
        1 << 20, 32, 16, 1024, 1000, Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  public XmlRpcLimits withMaxRequestBytes(int bytes) {
    return new XmlRpcLimits(
        bytes,
        maxNestingDepth,
        workerThreads,
        maxQueuedRequests,
        maxConnections,
        requestTimeout,
        idleTimeout);
  }

  public XmlRpcLimits withMaxNestingDepth(int depth) {
    return new XmlRpcLimits(
        maxRequestBytes,
        depth,
        workerThreads,
        maxQueuedRequests,
        maxConnections,
        requestTimeout,
        idleTimeout);
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }
}
