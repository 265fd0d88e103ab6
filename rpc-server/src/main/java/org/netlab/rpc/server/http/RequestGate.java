package org.netlab.rpc.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import org.netlab.rpc.contract.DefaultAddresses;

/**
 * Checks a request's head before its body is read and chooses its route: a path no route serves is
 * 404, a method the route does not answer is 405, a body without a length that the route needs
 * (411), with two framings (400) or over the limit (413) is refused. A refusal is a short
 * plain-text 4xx, and the connection is closed since the body that may follow is not wanted.
 */
final class RequestGate extends ChannelInboundHandlerAdapter {
  private final List<HttpRoute> routes;
  private final int maxRequestBytes;

  /** Whether the body of a refused request is still arriving, to be dropped. */
  private boolean dropping;

  /** The route of the request being read; requests of a connection come one at a time. */
  private HttpRoute admitted;

  /**
   * @param routes tried in order; the first that serves a path has it
   */
  RequestGate(List<HttpRoute> routes, int maxRequestBytes) {
    this.routes = routes;
    this.maxRequestBytes = maxRequestBytes;
  }

  /** The route of the last request let through. */
  HttpRoute admittedRoute() {
    return admitted;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    if (message instanceof HttpRequest request) {
      dropping = !admit(ctx, request);
    }
    if (dropping) {
      ReferenceCountUtil.release(message);
      return;
    }
    ctx.fireChannelRead(message);
  }

  /** Answers a request that may not go on, and says whether it may. */
  private boolean admit(ChannelHandlerContext ctx, HttpRequest request) {
    if (request.decoderResult().isFailure()) {
      refuseMalformed(ctx, request.decoderResult().cause());
      return false;
    }
    HttpRoute route = route(request.uri());
    if (route == null) {
      Refusal.send(
          ctx,
          HttpResponseStatus.NOT_FOUND,
          "nothing is served here; XML-RPC is at "
              + DefaultAddresses.XML_RPC_PATH
              + ", the console at /console/");
      return false;
    }
    if (!route.methods().contains(request.method())) {
      FullHttpResponse refusal =
          Refusal.response(
              HttpResponseStatus.METHOD_NOT_ALLOWED,
              "this path answers " + String.join(", ", names(route.methods())));
      refusal.headers().set(HttpHeaderNames.ALLOW, String.join(", ", names(route.methods())));
      Refusal.sendAndClose(ctx, refusal);
      return false;
    }
    if (!admitBody(ctx, request, route)) {
      return false;
    }
    admitted = route;
    return true;
  }

  /** The route serving a request target; null when none does. */
  private HttpRoute route(String target) {
    // Parsing the target as a URI is only needed when no route serves it as it is.
    for (HttpRoute route : routes) {
      if (route.serves(target)) {
        return route;
      }
    }
    String path = path(target);
    if (path == null || path.equals(target)) {
      return null;
    }
    for (HttpRoute route : routes) {
      if (route.serves(path)) {
        return route;
      }
    }
    return null;
  }

  private boolean admitBody(ChannelHandlerContext ctx, HttpRequest request, HttpRoute route) {
    String length = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
    boolean chunked = request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING);
    if (length != null && chunked) {
      Refusal.send(
          ctx,
          HttpResponseStatus.BAD_REQUEST,
          "a request has Content-Length or Transfer-Encoding, not both");
      return false;
    }
    if (chunked) {
      if (!route.acceptsChunkedBodies()) {
        Refusal.send(
            ctx, HttpResponseStatus.LENGTH_REQUIRED, "a Content-Length header is required");
        return false;
      }
      return true; // the aggregator bounds what arrives
    }
    if (length == null) {
      if (HttpMethod.POST.equals(request.method()) && !route.acceptsChunkedBodies()) {
        Refusal.send(
            ctx, HttpResponseStatus.LENGTH_REQUIRED, "a Content-Length header is required");
        return false;
      }
      return true;
    }
    long declared = parseLength(length);
    if (declared < 0) {
      Refusal.send(ctx, HttpResponseStatus.BAD_REQUEST, "Content-Length must be a number of bytes");
      return false;
    }
    if (declared > maxRequestBytes) {
      Refusal.send(
          ctx,
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          "the request is " + declared + " bytes; the limit is " + maxRequestBytes);
      return false;
    }
    return true;
  }

  private static List<String> names(Set<HttpMethod> methods) {
    return methods.stream().map(HttpMethod::name).sorted().toList();
  }

  private static void refuseMalformed(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      Refusal.send(ctx, HttpResponseStatus.REQUEST_URI_TOO_LONG, "the request line is too long");
    } else if (cause instanceof TooLongHttpHeaderException) {
      Refusal.send(
          ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "the headers are too long");
    } else if (cause instanceof TooLongFrameException) {
      Refusal.send(ctx, HttpResponseStatus.BAD_REQUEST, "a request line or header is too long");
    } else {
      Refusal.send(ctx, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
    }
  }

  /** The path of a request target; null when it is not a URI. */
  private static String path(String target) {
    try {
      return new URI(target).getPath();
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
