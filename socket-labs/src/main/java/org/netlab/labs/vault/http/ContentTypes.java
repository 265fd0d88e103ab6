package org.netlab.labs.vault.http;

import java.util.Map;

/** The media type sent for each extension the lab serves; anything else is plain bytes. */
final class ContentTypes {
  static final String OCTET_STREAM = "application/octet-stream";
  static final String HTML = "text/html; charset=utf-8";

  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("md", "text/markdown; charset=utf-8"),
          Map.entry("csv", "text/csv; charset=utf-8"),
          Map.entry("html", HTML),
          Map.entry("htm", HTML),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("xml", "application/xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("pdf", "application/pdf"),
          Map.entry("zip", "application/zip"),
          Map.entry("gz", "application/gzip"),
          Map.entry("tar", "application/x-tar"),
          Map.entry("bin", OCTET_STREAM));

  private ContentTypes() {}

  /** The type for a lower-case extension without its dot. */
  static String of(String extension) {
    return BY_EXTENSION.getOrDefault(extension, OCTET_STREAM);
  }
}
