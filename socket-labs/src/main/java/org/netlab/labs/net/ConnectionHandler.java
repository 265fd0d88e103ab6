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
}
