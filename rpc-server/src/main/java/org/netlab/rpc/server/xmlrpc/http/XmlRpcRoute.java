package org.netlab.rpc.server.xmlrpc.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.XmlRpcRequest;
import org.netlab.access.Credentials;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.contract.DefaultAddresses;
import org.netlab.rpc.contract.IdempotencyKeys;
import org.netlab.rpc.server.http.HttpExchange;
import org.netlab.rpc.server.http.HttpRoute;
import org.netlab.rpc.server.http.Refusal;
import org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcDispatcher;
import org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethod;

/**
 * XML-RPC at {@code /RPC2}: parses a call and finds its method on the event loop, runs it there
 * when it only computes or on a worker when it may block, and writes the answer. A full worker pool
 * answers 503 and keeps the connection.
 */
public final class XmlRpcRoute implements HttpRoute {
  private static final String XML = "text/xml; charset=UTF-8";

  /** Room for a typical answer, so that most are written without growing the buffer. */
  private static final int ANSWER_BUFFER_BYTES = 256;

  private final XmlRpcDispatcher xmlRpc;
  private final Executor workers;

  public XmlRpcRoute(XmlRpcDispatcher xmlRpc, Executor workers) {
    this.xmlRpc = xmlRpc;
    this.workers = workers;
  }

  @Override
  public boolean serves(String path) {
    return DefaultAddresses.XML_RPC_PATH.equals(path);
  }

  @Override
  public Set<HttpMethod> methods() {
    return Set.of(HttpMethod.POST);
  }

  @Override
  public void handle(HttpExchange exchange, FullHttpRequest request) {
    Credentials credentials;
    try {
      credentials = exchange.credentials(request);
    } catch (ServiceException malformed) {
      // The HTTP layer refuses what it cannot read, as HTTP does: 401 and the schemes it takes.
      exchange.respond(Refusal.of(malformed));
      return;
    }
    XmlRpcRequest call;
    XmlRpcMethod method;
    try (InputStream body = new ByteBufInputStream(request.content())) {
      call = xmlRpc.parse(body);
      // Looked up once: the method says where the call runs, then runs it there.
      method = xmlRpc.method(call);
    } catch (XmlRpcException | IOException e) {
      exchange.respond(xml(fault(exchange, e)));
      return;
    }
    String key = request.headers().get(IdempotencyKeys.HTTP_HEADER);
    if (!method.mayBlock()) {
      exchange.respond(xml(answer(exchange, method, call, credentials, key)));
      return;
    }
    try {
      workers.execute(
          () -> exchange.respond(xml(answer(exchange, method, call, credentials, key))));
    } catch (RejectedExecutionException e) {
      FullHttpResponse busy =
          Refusal.response(
              HttpResponseStatus.SERVICE_UNAVAILABLE, "the server is busy; try again shortly");
      busy.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
      exchange.respond(busy);
    }
  }

  private ByteBuf answer(
      HttpExchange exchange,
      XmlRpcMethod method,
      XmlRpcRequest call,
      Credentials credentials,
      String idempotencyKey) {
    try {
      return written(
          exchange, out -> xmlRpc.answer(method, call, credentials, idempotencyKey, out));
    } catch (IOException | RuntimeException e) {
      return fault(exchange, e);
    }
  }

  private ByteBuf fault(HttpExchange exchange, Throwable error) {
    try {
      return written(exchange, out -> xmlRpc.answerFault(error, out));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a fault in memory", e);
    }
  }

  /** A body in a fresh buffer, released if writing it fails. */
  private static ByteBuf written(HttpExchange exchange, BodyWriter writer) throws IOException {
    ByteBuf body = exchange.alloc().buffer(ANSWER_BUFFER_BYTES);
    try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
      writer.write(out);
      return body;
    } catch (IOException | RuntimeException e) {
      body.release();
      throw e;
    }
  }

  @FunctionalInterface
  private interface BodyWriter {
    void write(OutputStream out) throws IOException;
  }

  private static FullHttpResponse xml(ByteBuf answer) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, answer);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, XML)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.readableBytes());
    return response;
  }
}
