package org.netlab.rpc.client.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Numbers as a person types and reads them: plain decimals with an optional exponent; results
 * without a useless {@code .0}, in plain notation from {@code 0.0001} to below {@code 1e16} and as
 * {@code 1.5e+300} or {@code 2e-7} beyond.
 */
final class NumberText {
  // Narrower than Double.parseDouble, which also takes "NaN", "Infinity", "1d" and hex.
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /**
   * 15 significant digits: every decimal of 15 digits survives the trip through a double and back
   * (DBL_DIG), so {@code 0.1 + 0.2} shows as {@code 0.3}, as on a pocket calculator.
   */
  private static final MathContext SHORT = new MathContext(15, RoundingMode.HALF_EVEN);

  /** How many digits results show. */
  enum Precision {
    /** At most 15 significant digits, trailing zeros dropped: {@code 0.3}. */
    SHORT,
    /**
     * The shortest text that reads back as exactly the same double: {@code 0.30000000000000004}.
     */
    FULL
  }

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

  /** {@code 5} rather than {@code 5.0}, {@code 1e+300} rather than {@code 1.0E300}. */
  static String format(double value, Precision precision) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    BigDecimal number =
        switch (precision) {
          case SHORT -> new BigDecimal(value).round(SHORT);
          // Since JDK 19 Double.toString gives the shortest decimal that reads back exactly.
          case FULL -> new BigDecimal(Double.toString(value));
        };
    number = number.stripTrailingZeros();
    if (number.signum() == 0) {
      return "0";
    }
    int exponent = number.precision() - number.scale() - 1;
    if (exponent >= -4 && exponent < 16) {
      return number.toPlainString();
    }
    String digits = number.unscaledValue().abs().toString();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return (number.signum() < 0 ? "-" : "")
        + mantissa
        + "e"
        + (exponent < 0 ? "-" : "+")
        + Math.abs(exponent);
  }

  /** Reads {@code short} or {@code full}, in any case. */
  static final class PrecisionConverter implements CommandLine.ITypeConverter<Precision> {
    @Override
    public Precision convert(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "short" -> Precision.SHORT;
        case "full" -> Precision.FULL;
        default ->
            throw new CommandLine.TypeConversionException(
                "'" + text + "' is not a precision; use short (15 digits) or full");
      };
    }
  }
}
