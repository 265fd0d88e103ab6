package org.netlab.rpc.server.xmlrpc;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on loopback that a hostile DOCTYPE can point at: it answers every fetch with an
 * entity declaration and records the paths fetched, so a test can show nothing was.
 */
public final class DtdHost implements AutoCloseable {
  private final HttpServer server;
  private final List<String> fetched = new CopyOnWriteArrayList<>();

  public DtdHost() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          fetched.add(exchange.getRequestURI().toString());
          byte[] entity = "<!ENTITY y \"fetched\">".getBytes(StandardCharsets.US_ASCII);
          exchange.sendResponseHeaders(200, entity.length);
          exchange.getResponseBody().write(entity);
          exchange.close();
        });
    server.start();
  }

  /** The base URL, ending in a slash. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  public List<String> fetched() {
    return List.copyOf(fetched);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
