package org.netlab.rpc.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's files (page, style sheet, ES modules), read from the jar once at start-up. Only the
 * names listed here are served: a request names one of them exactly or gets 404, so no path from a
 * request ever reaches the class loader, and {@code ..}, encoded dots and slashes have nothing to
 * resolve against.
 */
final class ConsoleAssets {
  /** Where the files sit on the class path. */
  static final String DIRECTORY = "org/netlab/rpc/server/console/";

  private static final String HTML = "text/html; charset=utf-8";
  private static final String JAVASCRIPT = "text/javascript; charset=utf-8";

  /** Every file served, by the name that follows {@code /console/} in its URL. */
  static final Map<String, String> CONTENT_TYPES = contentTypes();

  /** A file ready to send: its bytes, its type and a validator of its content. */
  record Asset(byte[] body, String contentType, String etag) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  private ConsoleAssets() {}

  private static Map<String, String> contentTypes() {
    Map<String, String> types = new LinkedHashMap<>();
    types.put("index.html", HTML);
    types.put("console.css", "text/css; charset=utf-8");
    types.put("favicon.svg", "image/svg+xml");
    for (String module :
        new String[] {
          "app.js",
          "dom.js",
          "session.js",
          "catalog.js",
          "method-view.js",
          "call-runner.js",
          "answer.js",
          "connect-client.js",
          "xmlrpc-client.js",
          "commands.js",
          "permalink.js",
          "status-panel.js",
          "prometheus.js"
        }) {
      types.put(module, JAVASCRIPT);
    }
    return Map.copyOf(types);
  }

  /**
   * Reads every file.
   *
   * @throws IllegalStateException when one is missing from the jar
   */
  static ConsoleAssets load() {
    ConsoleAssets loaded = new ConsoleAssets();
    CONTENT_TYPES.forEach(
        (name, type) -> {
          byte[] body = read(name);
          loaded.assets.put(name, new Asset(body, type, etag(body)));
        });
    return loaded;
  }

  /** The file named exactly {@code name}; the empty name is the page. */
  Optional<Asset> find(String name) {
    return Optional.ofNullable(assets.get(name.isEmpty() ? "index.html" : name));
  }

  private static byte[] read(String name) {
    try (InputStream in =
        ConsoleAssets.class.getClassLoader().getResourceAsStream(DIRECTORY + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the console file " + DIRECTORY + name + " is not in the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DIRECTORY + name + ": " + e.getMessage(), e);
    }
  }

  /** A strong validator: the content's SHA-256, shortened (128 bits rule out collisions here). */
  static String etag(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\""
          + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22)
          + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
