package org.netlab.labs.net;

import java.io.IOException;
import java.net.Socket;

/** Serves one accepted TCP connection. The server closes the socket afterwards. */
@FunctionalInterface
public interface ConnectionHandler {
  /**
   * Serves the connection until done. Reads time out after the server's idle timeout with {@link
   * java.net.SocketTimeoutException}, which the server counts as an idle close.
   */
  void handle(Socket socket) throws IOException;

  /**
   * Called instead of {@link #handle} when the server is at its connection cap, so the protocol can
   * say "busy" its own way before the socket is closed. Does nothing by default.
   */
  default void refuse(Socket socket) throws IOException {}

  /**
   * Called on the accepting thread, before the connection gets a thread of its own, so that a
   * protocol whose whole request has usually arrived by then (one short line, one short answer) can
   * be served there, with no hand-off between threads. It must not block: it may read only what has
   * already been received and write only what the socket's send buffer takes at once.
   *
   * @return null when the connection is served (the server then closes it), or the handler to run
   *     on the connection's own thread as usual: this one (the default), or one that goes on from
   *     what was read here
   */
  default ConnectionHandler serveAtOnce(Socket socket) throws IOException {
    return this;
  }
}
