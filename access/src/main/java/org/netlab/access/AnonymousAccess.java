package org.netlab.access;

import java.util.Locale;

/** What a caller that shows no identity may do. */
public enum AnonymousAccess {
  /** The calculator and the method listing: harmless compute, as the original lab serves them. */
  CALCULATOR,
  /** Nothing: every call needs an identity. */
  NONE;

  /**
   * The setting named {@code label}: {@code calculator} or {@code none}.
   *
   * @throws IllegalArgumentException naming the two
   */
  public static AnonymousAccess parse(String label) {
    return switch (label.strip().toLowerCase(Locale.ROOT)) {
      case "calculator" -> CALCULATOR;
      case "none" -> NONE;
      default ->
          throw new IllegalArgumentException(
              "'" + label + "' is not an anonymous access; use calculator or none");
    };
  }
}
