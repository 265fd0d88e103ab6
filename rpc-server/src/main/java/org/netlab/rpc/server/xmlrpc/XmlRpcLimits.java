package org.netlab.rpc.server.xmlrpc;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds of an {@link XmlRpcEndpoint}.
 *
 * @param maxRequestBytes largest request body accepted; larger ones get 413
 * @param maxNestingDepth deepest nesting of arrays and structs in a request
 * @param workerThreads threads that run the calls that may block (the phonebook's)
 * @param maxQueuedRequests such calls waiting for a worker; beyond it they are answered 503
 * @param maxConnections open connections; one more is closed as soon as it is accepted
 * @param maxConnectionsPerAddress open connections from one client address, so that one client
 *     cannot take them all; one more from that address is closed as soon as it is accepted
 * @param requestTimeout time a client has for the TLS handshake, and for a request's body once its
 *     head has arrived
 * @param idleTimeout time a connection may stay without a request, before the first and between two
 */
public record XmlRpcLimits(
    int maxRequestBytes,
    int maxNestingDepth,
    int workerThreads,
    int maxQueuedRequests,
    int maxConnections,
    int maxConnectionsPerAddress,
    Duration requestTimeout,
    Duration idleTimeout) {

  public XmlRpcLimits {
    requirePositive("maxRequestBytes", maxRequestBytes);
    requirePositive("maxNestingDepth", maxNestingDepth);
    requirePositive("workerThreads", workerThreads);
    requirePositive("maxQueuedRequests", maxQueuedRequests);
    requirePositive("maxConnections", maxConnections);
    requirePositive("maxConnectionsPerAddress", maxConnectionsPerAddress);
    requirePositive("requestTimeout", Objects.requireNonNull(requestTimeout).toMillis());
    requirePositive("idleTimeout", Objects.requireNonNull(idleTimeout).toMillis());
  }

  /**
   * 1 MiB requests, 32 levels of nesting, 16 workers, 1000 connections of which 64 from one
   * address, 30 s timeouts.
   */
  public static XmlRpcLimits defaults() {
    return new XmlRpcLimits(
        1 << 20, 32, 16, 1024, 1000, 64, Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  public XmlRpcLimits withMaxNestingDepth(int depth) {
    return new XmlRpcLimits(
        maxRequestBytes,
        depth,
        workerThreads,
        maxQueuedRequests,
        maxConnections,
        maxConnectionsPerAddress,
        requestTimeout,
        idleTimeout);
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
  }
}
