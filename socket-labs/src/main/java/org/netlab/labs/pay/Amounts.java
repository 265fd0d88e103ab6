package org.netlab.labs.pay;

import java.math.BigDecimal;

/**
 * Money as people write it ({@code 12.50}) and as the ledger and the wire count it: integer minor
 * units (1250). Two decimals; no floating point anywhere.
 */
public final class Amounts {
  private Amounts() {}

  /**
   * Parses {@code 12}, {@code 12.5} or {@code 12.50} into minor units.
   *
   * @throws IllegalArgumentException for anything else: a sign, a third decimal, an exponent
   */
  public static long parse(String text) {
    if (text == null || !text.matches("[0-9]{1,13}(\\.[0-9]{1,2})?")) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an amount such as 12 or 12.50 (two decimals at most, no sign)");
    }
    return new BigDecimal(text).movePointRight(2).longValueExact();
  }

  /** Minor units written with two decimals: {@code -1250} is {@code -12.50}. */
  public static String format(long minor) {
    return BigDecimal.valueOf(minor).movePointLeft(2).toPlainString();
  }
}
