import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The ceiling of the JDK's HTTP server on this machine: it answers every POST to /RPC2 with a
 * fixed XML-RPC response, over plain HTTP, with no parsing and no TLS. Run as a single-file
 * program, then point wrk at it with calc-add.lua:
 *
 * <pre>
 * java -Dsun.net.httpserver.nodelay=true rpc-server/src/bench/JdkHttpServerCeiling.java 52201
 * wrk -t2 -c32 -d8s -s rpc-server/src/bench/calc-add.lua http://127.0.0.1:52201
 * </pre>
 */
public final class JdkHttpServerCeiling {
  public static void main(String[] args) throws Exception {
    byte[] body =
        ("<?xml version=\"1.0\"?><methodResponse><params><param><value><double>5.0</double>"
                + "</value></param></params></methodResponse>")
            .getBytes(StandardCharsets.US_ASCII);
    HttpServer server =
        HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
    server.createContext(
        "/RPC2",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().set("Content-Type", "text/xml");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.start();
  }
}
