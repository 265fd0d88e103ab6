package org.netlab.rpc.server.console;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.server.access.ServerAccess;
import org.netlab.rpc.server.http.HttpExchange;
import org.netlab.rpc.server.http.HttpRoute;
import org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethodTable;

/**
 * The browser console at {@code /console/} on the HTTPS port: its page and modules, and the
 * description of both protocols' services ({@code /console/api/services}). All of it is public, as
 * reflection is; the calls the page makes go to XML-RPC and the JSON gateway, which check their
 * callers as usual. {@code /} and {@code /console} lead to {@code /console/}.
 *
 * <p>Only GET and HEAD are answered. Every answer carries the {@linkplain ConsoleHeaders strict
 * headers}.
 */
public final class ConsoleRoute implements HttpRoute {
  static final String PREFIX = "/console/";
  static final String SERVICES = "api/services";

  private static final String JSON = "application/json";

  private final ConsoleAssets assets;
  private final byte[] catalog;

  ConsoleRoute(ConsoleAssets assets, byte[] catalog) {
    this.assets = assets;
    this.catalog = catalog.clone();
  }

  /**
   * The console of a server with these services; its description of XML-RPC comes from the same
   * method table the endpoint builds from them.
   *
   * @throws IllegalStateException when the jar lacks the console's files or the services'
   *     descriptor set
   */
  public static ConsoleRoute forServices(
      Calculator calculator, Phonebook phonebook, ServerAccess access) {
    XmlRpcMethodTable xmlRpc = XmlRpcMethodTable.forServices(calculator, phonebook, access);
    return new ConsoleRoute(
        ConsoleAssets.load(),
        ServiceCatalog.json(ProtoDescriptorSet.load(), xmlRpc.descriptions()));
  }

  @Override
  public boolean serves(String path) {
    return path.equals("/") || path.equals("/console") || path.startsWith(PREFIX);
  }

  @Override
  public Set<HttpMethod> methods() {
    return Set.of(HttpMethod.GET, HttpMethod.HEAD);
  }

  @Override
  public void handle(HttpExchange exchange, FullHttpRequest request) {
    boolean head = HttpMethod.HEAD.equals(request.method());
    exchange.respond(answer(rawPath(request.uri()), request, head));
  }

  private FullHttpResponse answer(String path, FullHttpRequest request, boolean head) {
    if (path == null) {
      return notFound(head);
    }
    if (path.equals("/")) {
      return redirect(HttpResponseStatus.FOUND);
    }
    if (path.equals("/console")) {
      return redirect(HttpResponseStatus.MOVED_PERMANENTLY);
    }
    String name = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : null;
    if (SERVICES.equals(name)) {
      return body(HttpResponseStatus.OK, JSON, ConsoleHeaders.NO_STORE, catalog, head);
    }
    Optional<ConsoleAssets.Asset> asset = name == null ? Optional.empty() : assets.find(name);
    if (asset.isEmpty()) {
      return notFound(head);
    }
    ConsoleAssets.Asset file = asset.get();
    if (file.etag().equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
      FullHttpResponse unchanged =
          empty(HttpResponseStatus.NOT_MODIFIED, ConsoleHeaders.REVALIDATE);
      unchanged.headers().set(HttpHeaderNames.ETAG, file.etag());
      return unchanged;
    }
    FullHttpResponse response =
        body(
            HttpResponseStatus.OK,
            file.contentType(),
            ConsoleHeaders.REVALIDATE,
            file.body(),
            head);
    response.headers().set(HttpHeaderNames.ETAG, file.etag());
    return response;
  }

  /**
   * The path of a request target exactly as sent, without its query: never decoded nor normalised,
   * so that {@code %2e%2e} or {@code ..} names no file. Null when it is not a URI.
   */
  static String rawPath(String target) {
    if (target.startsWith("/")) {
      int end = target.length();
      for (char stop : new char[] {'?', '#'}) {
        int at = target.indexOf(stop);
        if (at >= 0 && at < end) {
          end = at;
        }
      }
      return target.substring(0, end);
    }
    try {
      return new URI(target).getRawPath(); // the absolute form, https://host/console/
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static FullHttpResponse redirect(HttpResponseStatus status) {
    FullHttpResponse response = empty(status, ConsoleHeaders.NO_STORE);
    response.headers().set(HttpHeaderNames.LOCATION, PREFIX);
    return response;
  }

  private static FullHttpResponse notFound(boolean head) {
    byte[] text =
        "no such console file; the console is at /console/\n".getBytes(StandardCharsets.UTF_8);
    return body(
        HttpResponseStatus.NOT_FOUND,
        "text/plain; charset=utf-8",
        ConsoleHeaders.NO_STORE,
        text,
        head);
  }

  private static FullHttpResponse empty(HttpResponseStatus status, String cacheControl) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, cacheControl);
    if (status.code() != HttpResponseStatus.NOT_MODIFIED.code()) {
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    }
    ConsoleHeaders.addSecurityHeaders(response.headers());
    return response;
  }

  /** An answer with a body; a HEAD request gets its headers, its length included, and no body. */
  private static FullHttpResponse body(
      HttpResponseStatus status,
      String contentType,
      String cacheControl,
      byte[] bytes,
      boolean head) {
    ByteBuf content = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
        .set(HttpHeaderNames.CACHE_CONTROL, cacheControl);
    ConsoleHeaders.addSecurityHeaders(response.headers());
    return response;
  }
}
