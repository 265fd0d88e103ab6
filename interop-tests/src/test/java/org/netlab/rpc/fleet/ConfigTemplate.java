package org.netlab.rpc.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration file of {@code deploy/} with placeholders written {@code ${NAME}} (the syntax
 * envsubst reads), filled for a test. Every placeholder outside comments must get a value, so that
 * a placeholder added to the file without a value in the test fails loudly instead of reaching the
 * proxy.
 */
final class ConfigTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

  private ConfigTemplate() {}

  /**
   * The template's text with each placeholder replaced; comment lines (starting with {@code #}) are
   * kept as they are.
   *
   * @throws IllegalStateException naming a placeholder that has no value
   */
  static String fill(Path template, Map<String, String> values) throws IOException {
    StringBuilder filled = new StringBuilder();
    List<String> lines = Files.readAllLines(template, StandardCharsets.UTF_8);
    for (String line : lines) {
      if (!line.strip().startsWith("#")) {
        Matcher placeholder = PLACEHOLDER.matcher(line);
        line =
            placeholder.replaceAll(
                match -> {
                  String value = values.get(match.group(1));
                  if (value == null) {
                    throw new IllegalStateException(
                        template + " has ${" + match.group(1) + "}, which the test does not fill");
                  }
                  return Matcher.quoteReplacement(value);
                });
      }
      filled.append(line).append('\n');
    }
    return filled.toString();
  }
}
