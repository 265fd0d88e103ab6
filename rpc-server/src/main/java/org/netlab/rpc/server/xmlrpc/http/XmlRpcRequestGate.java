package org.netlab.rpc.server.xmlrpc.http;

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
import org.netlab.rpc.contract.DefaultAddresses;

/**
 * Checks a request's head before its body is read: only {@code POST /RPC2} with a Content-Length
 * within the limit goes on to XML-RPC. Everything else gets a short plain-text 4xx, and the
 * connection is closed since the body that may follow is not wanted.
 */
final class XmlRpcRequestGate extends ChannelInboundHandlerAdapter {
  static final String PATH = DefaultAddresses.XML_RPC_PATH;

  private final int maxRequestBytes;

  /** Whether the body of a refused request is still arriving, to be dropped. */
  private boolean dropping;

  XmlRpcRequestGate(int maxRequestBytes) {
    this.maxRequestBytes = maxRequestBytes;
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
    // Parsing the target as a URI is only needed when it is not exactly the path.
    if (!PATH.equals(request.uri()) && !PATH.equals(path(request.uri()))) {
      Refusal.send(ctx, HttpResponseStatus.NOT_FOUND, "XML-RPC is served at " + PATH);
      return false;
    }
    if (!HttpMethod.POST.equals(request.method())) {
      FullHttpResponse refusal =
          Refusal.response(
              HttpResponseStatus.METHOD_NOT_ALLOWED, "XML-RPC calls are POST requests");
      refusal.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST);
      Refusal.sendAndClose(ctx, refusal);
      return false;
    }
    String length = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
    if (length == null || request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      Refusal.send(ctx, HttpResponseStatus.LENGTH_REQUIRED, "a Content-Length header is required");
      return false;
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
