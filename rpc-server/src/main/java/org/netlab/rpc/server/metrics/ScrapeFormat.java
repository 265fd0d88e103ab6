package org.netlab.rpc.server.metrics;

import java.util.Locale;

/**
 * The formats a scrape is written in: Prometheus's text format 0.0.4, which every scraper reads, or
 * OpenMetrics 1.0.0 when the scraper's {@code Accept} names it (Prometheus 2 and later do).
 */
enum ScrapeFormat {
  TEXT("text/plain; version=0.0.4; charset=utf-8"),
  OPEN_METRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

  private final String contentType;

  ScrapeFormat(String contentType) {
    this.contentType = contentType;
  }

  /** What the answer's {@code Content-Type} says, and what tells the registry the format. */
  String contentType() {
    return contentType;
  }

  /** The format for a request's {@code Accept} header (null when it has none). */
  static ScrapeFormat accepted(String accept) {
    return accept != null
            && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")
        ? OPEN_METRICS
        : TEXT;
  }
}
