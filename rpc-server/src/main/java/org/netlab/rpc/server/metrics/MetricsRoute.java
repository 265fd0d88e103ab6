package org.netlab.rpc.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.netlab.access.Credentials;
import org.netlab.access.Gatekeeper;
import org.netlab.access.Operation;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.server.http.HttpExchange;
import org.netlab.rpc.server.http.HttpRoute;
import org.netlab.rpc.server.http.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics}: the {@link ServerMetrics} in Prometheus's text format (or OpenMetrics, when
 * the scraper's {@code Accept} asks for it: {@link ScrapeFormat}), gzipped when the scraper accepts
 * that, as Prometheus does. A caller shows itself as for any call (a bearer token, HTTP Basic with
 * the token as password, a client certificate) and needs the right to {@link
 * Operation#READ_METRICS}; refusals are plain HTTP: 401 with the schemes taken, 403, 429. An open
 * route checks nobody.
 *
 * <p>Scrapes run one at a time on their own thread, never on an event loop: a scrape formats a few
 * hundred series, and checking a token may read the store. Scrapes queued beyond a few are answered
 * 503.
 */
public final class MetricsRoute implements HttpRoute {
  private static final Logger log = LoggerFactory.getLogger(MetricsRoute.class);

  /** Where Prometheus looks by default. */
  public static final String PATH = "/metrics";

  private static final int MAX_QUEUED_SCRAPES = 4;

  /** Room for a scrape of a server in use, so that most are written without growing the buffer. */
  private static final int SCRAPE_BUFFER_BYTES = 64 * 1024;

  private final PrometheusMeterRegistry registry;
  private final Gatekeeper gatekeeper;
  private final ThreadPoolExecutor scrapes =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(MAX_QUEUED_SCRAPES),
          Thread.ofPlatform().name("metrics-scrape").daemon(true).factory(),
          new ThreadPoolExecutor.AbortPolicy());

  private MetricsRoute(ServerMetrics metrics, Gatekeeper gatekeeper) {
    this.registry = metrics.registry();
    this.gatekeeper = gatekeeper;
  }

  /** Serves {@code metrics} to callers {@code gatekeeper} lets read them. */
  public static MetricsRoute checkedBy(ServerMetrics metrics, Gatekeeper gatekeeper) {
    return new MetricsRoute(metrics, Objects.requireNonNull(gatekeeper, "gatekeeper"));
  }

  /**
   * Serves {@code metrics} to anyone, without looking at credentials ({@code --metrics-public}).
   */
  public static MetricsRoute open(ServerMetrics metrics) {
    return new MetricsRoute(metrics, null);
  }

  @Override
  public boolean serves(String path) {
    return PATH.equals(path);
  }

  @Override
  public Set<HttpMethod> methods() {
    return Set.of(HttpMethod.GET);
  }

  @Override
  public void handle(HttpExchange exchange, FullHttpRequest request) {
    Credentials credentials = null;
    if (gatekeeper != null) {
      try {
        credentials = exchange.credentials(request);
      } catch (ServiceException malformed) {
        exchange.respond(Refusal.of(malformed));
        return;
      }
    }
    // Read now: the request is released when this method returns.
    Scrape scrape =
        new Scrape(
            exchange,
            credentials,
            request.headers().get(HttpHeaderNames.ACCEPT),
            acceptsGzip(request.headers().get(HttpHeaderNames.ACCEPT_ENCODING)));
    try {
      scrapes.execute(scrape::answer);
    } catch (RejectedExecutionException e) {
      FullHttpResponse busy =
          Refusal.response(
              HttpResponseStatus.SERVICE_UNAVAILABLE, "scrapes are queued already; try again");
      busy.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
      exchange.respond(busy);
    }
  }

  /** Stops the scrape thread; a scrape still queued is not answered, its connection closes. */
  @Override
  public void close() {
    scrapes.shutdownNow();
  }

  private static boolean acceptsGzip(String acceptEncoding) {
    return acceptEncoding != null
        && acceptEncoding.toLowerCase(Locale.ROOT).contains(HttpHeaderValues.GZIP.toString());
  }

  /** One request for the metrics: its caller, checked, then its answer. */
  private final class Scrape {
    private final HttpExchange exchange;
    private final Credentials credentials;
    private final String accept;
    private final boolean gzip;

    Scrape(HttpExchange exchange, Credentials credentials, String accept, boolean gzip) {
      this.exchange = exchange;
      this.credentials = credentials;
      this.accept = accept;
      this.gzip = gzip;
    }

    void answer() {
      exchange.respond(response());
    }

    private FullHttpResponse response() {
      try {
        if (gatekeeper != null) {
          gatekeeper.admit(credentials, Operation.READ_METRICS);
        }
        return metrics();
      } catch (ServiceException refused) {
        return Refusal.of(refused);
      } catch (IOException | RuntimeException e) {
        log.error("cannot write the metrics", e);
        return Refusal.response(
            HttpResponseStatus.INTERNAL_SERVER_ERROR,
            "the metrics could not be written; the server's log has the details");
      }
    }

    private FullHttpResponse metrics() throws IOException {
      ScrapeFormat format = ScrapeFormat.accepted(accept);
      ByteBuf body = exchange.alloc().buffer(SCRAPE_BUFFER_BYTES);
      try (OutputStream out = body(body)) {
        registry.scrape(out, format.contentType());
      } catch (IOException | RuntimeException e) {
        body.release();
        throw e;
      }
      FullHttpResponse response =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
      response
          .headers()
          .set(HttpHeaderNames.CONTENT_TYPE, format.contentType())
          .set(HttpHeaderNames.VARY, "Accept, Accept-Encoding")
          .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
          .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
      if (gzip) {
        response.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
      }
      return response;
    }

    private OutputStream body(ByteBuf body) throws IOException {
      OutputStream out = new ByteBufOutputStream(body);
      return gzip ? new GZIPOutputStream(out) : out;
    }
  }
}
