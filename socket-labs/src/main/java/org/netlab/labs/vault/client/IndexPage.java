package org.netlab.labs.vault.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The entries of a directory's index page, read from its links: each {@code <a href>} that names
 * something directly inside the directory (relative, or absolute on the same server), in page
 * order, once each. Links up ({@code ../}), to the page itself, to other servers and to sort orders
 * ({@code ?C=N}) are not entries. A directory keeps its trailing {@code /}.
 *
 * <p>Sizes are read where the page gives them as a directory listing does, after the link on the
 * same line, last: nginx's {@code autoindex} writes {@code name date time size} (a {@code -} for a
 * directory); Python's {@code http.server} writes no size.
 */
public final class IndexPage {
  private static final Pattern LINK =
      Pattern.compile(
          "<a\\s[^>]*?href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))[^>]*>(.*?)</a>([^<\\n]*)",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMGT]?)");

  /**
   * One entry.
   *
   * @param name the name, percent-decoded, with a trailing {@code /} for a directory
   * @param size bytes, when the page says; approximate when it gives {@code 1.5M}
   */
  public record Entry(String name, OptionalLong size) {}

  private IndexPage() {}

  /** The entries of {@code html}, the page served at {@code directory}. */
  public static List<Entry> entries(VaultUrl directory, String html) {
    String base = directory.path().endsWith("/") ? directory.path() : directory.path() + "/";
    Map<String, Entry> entries = new LinkedHashMap<>();
    Matcher link = LINK.matcher(html);
    while (link.find()) {
      String href =
          unescape(
              link.group(1) != null
                  ? link.group(1)
                  : link.group(2) != null ? link.group(2) : link.group(3));
      String name = entryName(directory, base, href);
      if (name != null && !entries.containsKey(name)) {
        entries.put(name, new Entry(name, size(name, link.group(5))));
      }
    }
    return new ArrayList<>(entries.values());
  }

  /** The entry {@code href} names inside {@code base}, or null when it names no entry. */
  private static String entryName(VaultUrl directory, String base, String href) {
    if (href.isEmpty() || href.startsWith("#") || href.startsWith("?")) {
      return null;
    }
    VaultUrl target;
    try {
      target = directory.resolve(href);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!target.sameOrigin(directory) || target.target().contains("?")) {
      return null;
    }
    String path = target.path();
    if (!path.startsWith(base) || path.length() == base.length()) {
      return null;
    }
    String rest = path.substring(base.length());
    int slash = rest.indexOf('/');
    if (slash >= 0 && slash != rest.length() - 1) {
      return null;
    }
    String name = VaultUrl.decode(rest);
    if (name.equals("./") || name.equals("../") || name.equals(".") || name.equals("..")) {
      return null;
    }
    return name;
  }

  /** The size at the end of the text after a link, as nginx's autoindex writes it. */
  private static OptionalLong size(String name, String after) {
    String[] words = after.strip().split("\\s+");
    String last = words[words.length - 1];
    Matcher size = SIZE.matcher(last);
    if (name.endsWith("/") || words.length < 2 || !size.matches()) {
      return OptionalLong.empty();
    }
    double value = Double.parseDouble(size.group(1));
    int shift =
        switch (size.group(2)) {
          case "K" -> 10;
          case "M" -> 20;
          case "G" -> 30;
          case "T" -> 40;
          default -> 0;
        };
    return OptionalLong.of((long) (value * (1L << shift)));
  }

  /** The HTML character references a link target may hold. */
  private static String unescape(String text) {
    return text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
