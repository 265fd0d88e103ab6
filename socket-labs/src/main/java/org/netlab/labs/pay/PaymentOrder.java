package org.netlab.labs.pay;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a payer signs: who pays whom, how much, under which unique id, until when. Its wire form is
 * one canonical ASCII line,
 *
 * <pre>netlab-pay/1 payer=alice payee=bob amount=1250 id=0b6f...-... expires=2026-12-02T10:45:00Z
 * </pre>
 *
 * fields in this order, single spaces, the amount in integer minor units (cents) without sign or
 * leading zero, the expiry in UTC to the second. {@link #parse} accepts exactly the lines {@link
 * #text} writes, so one order has one byte form and its signatures cannot be made to cover another.
 *
 * @param amount minor units, 1 to {@link #MAX_AMOUNT}
 * @param id the order's unique id, also the server's idempotency key: 16 to 64 of {@code
 *     [A-Za-z0-9_-]}
 */
public record PaymentOrder(String payer, String payee, long amount, String id, Instant expires) {
  public static final String VERSION = "netlab-pay/1";

  /** A thousand billion minor units: far beyond any balance, far below overflow. */
  public static final long MAX_AMOUNT = 1_000_000_000_000L;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");
  private static final Pattern LINE =
      Pattern.compile(
          "netlab-pay/1 payer=(\\S+) payee=(\\S+) amount=(-?[0-9]{1,19}) id=(\\S+)"
              + " expires=(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z)");

  /**
   * @throws IllegalArgumentException for a malformed name or id, an amount out of range, an expiry
   *     with a fraction of a second, or a payer paying themselves
   */
  public PaymentOrder {
    UserNames.check(payer);
    UserNames.check(payee);
    if (payer.equals(payee)) {
      throw new SelfPaymentException(payer);
    }
    if (amount < 1) {
      throw new IllegalArgumentException("the amount must be positive, found " + amount);
    }
    if (amount > MAX_AMOUNT) {
      throw new IllegalArgumentException("the amount must be at most " + MAX_AMOUNT);
    }
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("an order id is 16 to 64 of A-Z a-z 0-9 _ -");
    }
    Objects.requireNonNull(expires, "expires");
    if (!expires.truncatedTo(ChronoUnit.SECONDS).equals(expires)) {
      throw new IllegalArgumentException("an expiry is a whole second");
    }
  }

  /** Thrown for an order whose payer is its payee. */
  public static final class SelfPaymentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    SelfPaymentException(String name) {
      super(name + " cannot pay themselves");
    }
  }

  /** The canonical line, without a line terminator. */
  public String text() {
    return VERSION
        + " payer="
        + payer
        + " payee="
        + payee
        + " amount="
        + amount
        + " id="
        + id
        + " expires="
        + DateTimeFormatter.ISO_INSTANT.format(expires);
  }

  /** {@link #text} as the bytes a signature covers. */
  public byte[] bytes() {
    return text().getBytes(US_ASCII);
  }

  /**
   * Parses a canonical line.
   *
   * @throws IllegalArgumentException when {@code line} is not one, saying what is wrong
   */
  public static PaymentOrder parse(String line) {
    Matcher matcher = LINE.matcher(line);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "not an order line: expected '"
              + VERSION
              + " payer=NAME payee=NAME amount=MINOR id=ID expires=YYYY-MM-DDTHH:MM:SSZ'");
    }
    Instant expires;
    try {
      expires = Instant.parse(matcher.group(5));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a UTC time: " + matcher.group(5));
    }
    long amount;
    try {
      amount = Long.parseLong(matcher.group(3));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the amount must be at most " + MAX_AMOUNT);
    }
    // The constructor says what is wrong with a zero, negative or huge amount.
    PaymentOrder order =
        new PaymentOrder(matcher.group(1), matcher.group(2), amount, matcher.group(4), expires);
    if (!order.text().equals(line)) {
      throw new IllegalArgumentException("not the canonical form of an order");
    }
    return order;
  }

  /** Whether the order can no longer be settled at {@code now}. */
  public boolean expiredAt(Instant now) {
    return now.isAfter(expires);
  }
}
