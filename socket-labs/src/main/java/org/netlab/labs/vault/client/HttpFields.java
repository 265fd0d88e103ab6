package org.netlab.labs.vault.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The header fields of a response, in the order received; names compare without case (RFC 9110
 * section 5.1).
 */
public final class HttpFields {
  /** One field line: its name as sent, and its value without surrounding spaces. */
  public record Field(String name, String value) {}

  private final List<Field> fields;

  public HttpFields(List<Field> fields) {
    this.fields = List.copyOf(fields);
  }

  /** Every field line, in order. */
  public List<Field> all() {
    return fields;
  }

  /** The values of every line named {@code name}, in order. */
  public List<String> values(String name) {
    List<String> values = new ArrayList<>();
    for (Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        values.add(field.value());
      }
    }
    return values;
  }

  /** The value of the one line named {@code name}; empty when there is none. */
  public Optional<String> first(String name) {
    return values(name).stream().findFirst();
  }

  /**
   * The comma-separated elements of every line named {@code name}, lower-cased, empty ones dropped
   * (for list-valued fields such as {@code Transfer-Encoding}).
   */
  public List<String> elements(String name) {
    List<String> elements = new ArrayList<>();
    for (String value : values(name)) {
      for (String element : value.split(",")) {
        String trimmed = element.strip().toLowerCase(Locale.ROOT);
        if (!trimmed.isEmpty()) {
          elements.add(trimmed);
        }
      }
    }
    return elements;
  }
}
