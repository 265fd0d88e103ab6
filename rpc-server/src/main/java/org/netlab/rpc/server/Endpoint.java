package org.netlab.rpc.server;

import java.io.IOException;

/**
 * One protocol's listening socket in the server process (gRPC, XML-RPC). The lifetime is: {@link
 * #start()}, serve, {@link #beginDrain()} (tell health checkers and load balancers to stop
 * sending), {@link #close()} (let in-flight calls finish within a bound, then cut the rest).
 * Closing twice, or without starting, is safe.
 */
public interface Endpoint extends AutoCloseable {
  /**
   * Binds and starts serving.
   *
   * @throws IOException when the address cannot be bound (port taken, no such address)
   */
  void start() throws IOException;

  /**
   * Where clients reach this endpoint, e.g. {@code grpcs://127.0.0.1:50051}; valid once started.
   */
  String url();

  /** Client connections open now. */
  int openConnections();

  /** Marks the endpoint as going away; calls are still served. */
  void beginDrain();

  /** Stops accepting calls, waits a bounded time for in-flight calls, then ends the rest. */
  @Override
  void close();
}
