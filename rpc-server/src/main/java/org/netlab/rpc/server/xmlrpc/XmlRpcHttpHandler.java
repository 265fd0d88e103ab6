package org.netlab.rpc.server.xmlrpc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.common.ServerStreamConnection;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the endpoint: only {@code POST /RPC2} with a Content-Length within the limit
 * reaches the XML-RPC server; everything else gets a short plain-text 4xx. The answer is buffered
 * so it goes out with a Content-Length, which keeps the connection alive for the next call.
 */
final class XmlRpcHttpHandler implements HttpHandler {
  static final String PATH = "/RPC2";

  private static final Logger log = LoggerFactory.getLogger(XmlRpcHttpHandler.class);

  private final HardenedXmlRpcServer server;
  private final int maxRequestBytes;
  private final XmlRpcHttpRequestConfigImpl requestConfig = new XmlRpcHttpRequestConfigImpl();

  XmlRpcHttpHandler(HardenedXmlRpcServer server, int maxRequestBytes) {
    this.server = server;
    this.maxRequestBytes = maxRequestBytes;
    requestConfig.setEnabledForExtensions(false);
    requestConfig.setEnabledForExceptions(false);
    requestConfig.setEncoding(XmlRpcHttpRequestConfigImpl.UTF8_ENCODING);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        refuse(exchange, 404, "XML-RPC is served at " + PATH);
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        refuse(exchange, 405, "XML-RPC calls are POST requests");
        return;
      }
      String length = exchange.getRequestHeaders().getFirst("Content-Length");
      if (length == null || exchange.getRequestHeaders().containsKey("Transfer-Encoding")) {
        refuse(exchange, 411, "a Content-Length header is required");
        return;
      }
      long declared = parseLength(length);
      if (declared < 0) {
        refuse(exchange, 400, "Content-Length must be a number of bytes");
        return;
      }
      if (declared > maxRequestBytes) {
        refuse(
            exchange,
            413,
            "the request is " + declared + " bytes; the limit is " + maxRequestBytes);
        return;
      }
      answer(exchange);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    ByteArrayOutputStream response = new ByteArrayOutputStream(512);
    try {
      // The JDK's request stream ends at Content-Length, checked against the limit above.
      server.execute(requestConfig, new Connection(exchange.getRequestBody(), response));
    } catch (XmlRpcException e) {
      log.error("cannot answer an XML-RPC call", e);
      refuse(exchange, 500, "the server failed to answer; its log has the details");
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
    exchange.sendResponseHeaders(200, response.size());
    try (OutputStream out = exchange.getResponseBody()) {
      response.writeTo(out);
    }
  }

  /** Answers an HTTP error and closes the connection, whose request body may be unread. */
  private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
    byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
    exchange.getResponseHeaders().set("Connection", "close");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** One request's streams, as Apache XML-RPC's stream server wants them. */
  private record Connection(InputStream in, OutputStream out) implements ServerStreamConnection {
    @Override
    public InputStream newInputStream() {
      return in;
    }

    @Override
    public OutputStream newOutputStream() {
      return out;
    }

    @Override
    public void close() {}
  }
}
