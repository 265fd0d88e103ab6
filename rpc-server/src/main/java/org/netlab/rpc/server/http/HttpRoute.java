package org.netlab.rpc.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Set;

/**
 * One thing the HTTPS port serves (XML-RPC, the JSON gateway, the console, metrics): which paths
 * are its own, which methods it answers, and the answer. The port checks the request's head against
 * the route before its body is read, so a route sees only requests it accepts.
 *
 * <p>The endpoint that serves a route owns it and closes it when it stops.
 */
public interface HttpRoute extends AutoCloseable {
  /** Whether {@code path} (the request target's path, without the query) is this route's. */
  boolean serves(String path);

  /** The methods this route answers; others get 405 with an {@code Allow} header. */
  Set<HttpMethod> methods();

  /**
   * Whether a request body may come in chunks, without a {@code Content-Length}. Routes that say no
   * answer such requests 411, as XML-RPC always has.
   */
  default boolean acceptsChunkedBodies() {
    return false;
  }

  /**
   * Answers {@code request} through {@code exchange}, at once or later from another thread. The
   * request is released when this method returns: a route that reads it later retains it.
   */
  void handle(HttpExchange exchange, FullHttpRequest request);

  /** Tells the route's clients that the server is going away (health turns NOT_SERVING). */
  default void beginDrain() {}

  /** Releases what the route holds; the endpoint calls it once it has stopped serving. */
  @Override
  default void close() {}
}
