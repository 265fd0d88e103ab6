package org.netlab.rpc.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server process: the endpoints that serve the services (gRPC, XML-RPC, and any other protocol
 * added to the list) and the store behind them. Closing drains every endpoint, stops them, then
 * closes the store, so no acknowledged call is cut from its store.
 */
public final class RpcServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RpcServer.class);

  private final List<Endpoint> endpoints;
  private final AutoCloseable store;
  private final Duration drainDelay;
  private final CountDownLatch closed = new CountDownLatch(1);
  private boolean closing;

  /**
   * Takes ownership of {@code endpoints} and of {@code store}, whatever keeps the services' data:
   * {@link #close()} closes them, the store last, without a drain delay.
   */
  public RpcServer(List<Endpoint> endpoints, AutoCloseable store) {
    this(endpoints, store, Duration.ZERO);
  }

  /**
   * As {@link #RpcServer(List, AutoCloseable)}, waiting {@code drainDelay} between announcing the
   * drain and stopping the endpoints, so that health checkers and balancers see it first.
   */
  public RpcServer(List<Endpoint> endpoints, AutoCloseable store, Duration drainDelay) {
    this.endpoints = List.copyOf(endpoints);
    this.store = Objects.requireNonNull(store, "store");
    this.drainDelay = Objects.requireNonNull(drainDelay, "drainDelay");
  }

  /**
   * Starts every endpoint; if one cannot start, those already started are stopped and the store is
   * closed before the failure is thrown.
   */
  public void start() throws IOException {
    try {
      for (Endpoint endpoint : endpoints) {
        endpoint.start();
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Where clients reach each endpoint, in the order given. */
  public List<String> urls() {
    List<String> urls = new ArrayList<>();
    endpoints.forEach(endpoint -> urls.add(endpoint.url()));
    return urls;
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /**
   * Drains and stops every endpoint, then closes the store: health turns NOT_SERVING and answers
   * say {@code Connection: close}; after the drain delay (skipped when no client is connected), the
   * endpoints stop accepting, send GOAWAY, let in-flight calls finish within their bound and stop.
   * Safe to call twice and from a shutdown hook.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    log.info("shutting down: draining {} endpoint(s)", endpoints.size());
    endpoints.forEach(Endpoint::beginDrain);
    awaitDrainDelay();
    for (Endpoint endpoint : endpoints) {
      try {
        endpoint.close();
      } catch (RuntimeException e) {
        log.warn("an endpoint failed to stop cleanly", e);
      }
    }
    try {
      store.close();
      log.info("stopped; store closed");
    } catch (Exception e) {
      log.warn("the store failed to close cleanly", e);
    }
    closed.countDown();
  }

  private void awaitDrainDelay() {
    if (drainDelay.isZero() || endpoints.stream().allMatch(e -> e.openConnections() == 0)) {
      return;
    }
    log.info("waiting {} ms for balancers to see the drain", drainDelay.toMillis());
    try {
      Thread.sleep(drainDelay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
