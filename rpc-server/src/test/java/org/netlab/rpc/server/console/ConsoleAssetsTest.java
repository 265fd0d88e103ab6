package org.netlab.rpc.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's files as they sit in the sources: every one is served, every reference between them
 * resolves to a served file, nothing comes from elsewhere, and no script writes markup or evaluates
 * text.
 */
class ConsoleAssetsTest {
  private static final Path SOURCES = Path.of("src/main/resources/" + ConsoleAssets.DIRECTORY);

  private static final Pattern IMPORT = Pattern.compile("from '([^']+)'");
  private static final Pattern HTML_REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

  /** What would turn data into markup or code, and a CSP without unsafe-eval refuses anyway. */
  private static final List<String> FORBIDDEN_IN_SCRIPTS =
      List.of(
          "innerHTML",
          "outerHTML",
          "insertAdjacentHTML",
          "document.write",
          "eval(",
          "new Function",
          "setTimeout('",
          "style=");

  private static String read(String name) throws IOException {
    return Files.readString(SOURCES.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void everyFileInTheDirectoryIsServedAndEveryServedFileExists() throws IOException {
    Set<String> present;
    try (Stream<Path> files = Files.list(SOURCES)) {
      present =
          files
              .map(file -> file.getFileName().toString())
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(new TreeSet<>(ConsoleAssets.CONTENT_TYPES.keySet()), present);
  }

  @Test
  void everyModuleImportNamesAServedModule() throws IOException {
    for (String name : ConsoleAssets.CONTENT_TYPES.keySet()) {
      if (!name.endsWith(".js")) {
        continue;
      }
      Matcher imports = IMPORT.matcher(read(name));
      while (imports.find()) {
        String target = imports.group(1);
        assertTrue(target.startsWith("./"), name + " imports " + target + ": only our modules");
        assertTrue(
            ConsoleAssets.CONTENT_TYPES.containsKey(target.substring(2)),
            name + " imports " + target + ", which is not served");
      }
    }
  }

  @Test
  void thePageLoadsOnlyServedFilesAndNoInlineScriptOrStyle() throws IOException {
    String page = read("index.html");
    Matcher references = HTML_REFERENCE.matcher(page);
    int count = 0;
    while (references.find()) {
      count++;
      assertTrue(
          ConsoleAssets.CONTENT_TYPES.containsKey(references.group(1)),
          "index.html refers to " + references.group(1));
    }
    assertEquals(3, count, "the icon, the style sheet and the entry module");
    assertFalse(Pattern.compile("<script(?![^>]*src=)").matcher(page).find(), "inline script");
    assertFalse(page.contains("<style"), "inline style");
    assertFalse(page.contains("style="), "style attribute");
    assertFalse(Pattern.compile("\\son[a-z]+=").matcher(page).find(), "inline handler");
  }

  @Test
  void noScriptWritesMarkupOrEvaluatesText() throws IOException {
    for (String name : ConsoleAssets.CONTENT_TYPES.keySet()) {
      if (name.endsWith(".js")) {
        String script = read(name);
        for (String forbidden : FORBIDDEN_IN_SCRIPTS) {
          assertFalse(script.contains(forbidden), name + " uses " + forbidden);
        }
      }
    }
  }

  @Test
  void theStyleSheetFetchesNothing() throws IOException {
    String css = read("console.css");
    assertFalse(css.contains("url("), "no fonts or images from anywhere");
    assertFalse(css.contains("@import"));
  }

  @Test
  void requestTargetsKeepTheirRawPathWithoutQuery() {
    assertEquals("/console/app.js", ConsoleRoute.rawPath("/console/app.js?v=1"));
    assertEquals("/console/%2e%2e/", ConsoleRoute.rawPath("/console/%2e%2e/"));
    assertEquals("/console/../RPC2", ConsoleRoute.rawPath("/console/../RPC2"));
    assertEquals("/console/", ConsoleRoute.rawPath("https://127.0.0.1:8443/console/"));
    assertNull(ConsoleRoute.rawPath("not a uri"));
  }

  @Test
  void etagsDifferWithContent() {
    byte[] one = "one".getBytes(StandardCharsets.UTF_8);
    byte[] two = "two".getBytes(StandardCharsets.UTF_8);
    assertEquals(ConsoleAssets.etag(one), ConsoleAssets.etag(one.clone()));
    assertFalse(ConsoleAssets.etag(one).equals(ConsoleAssets.etag(two)));
  }
}
