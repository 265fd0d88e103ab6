package org.netlab.rpc.client.cli;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Numbers as a person types and reads them: plain decimals with an optional exponent, and results
 * without a useless {@code .0}.
 */
final class NumberText {
  // Narrower than Double.parseDouble, which also takes "NaN", "Infinity", "1d" and hex.
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final double LARGEST_EXACT_INTEGER = 0x1p53;

  private NumberText() {}

  /** The number in {@code text}, or empty when it is not a finite decimal number. */
  static OptionalDouble parse(String text) {
    String value = text.strip();
    if (value.length() > 400 || !DECIMAL.matcher(value).matches()) {
      return OptionalDouble.empty();
    }
    double parsed = Double.parseDouble(value);
    return Double.isFinite(parsed) ? OptionalDouble.of(parsed) : OptionalDouble.empty();
  }

  /** {@code 5} rather than {@code 5.0}; otherwise the shortest text that reads back exactly. */
  static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < LARGEST_EXACT_INTEGER) {
      return Long.toString((long) value);
    }
    return Double.toString(value).toLowerCase(Locale.ROOT);
  }
}
