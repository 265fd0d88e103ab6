package org.netlab.labs.pay;

import java.util.Optional;

/**
 * Every reply of the payment lab, central server and peers alike: a three-digit code in the style
 * of FTP and SMTP (2xx done, 4xx try again later, 5xx refused for good) and a keyword a program can
 * switch on. A reply line is {@code CODE KEYWORD text}; a multi-line reply sends {@code CODE-text}
 * lines before its last line.
 */
public enum PayStatus {
  OK(200, "OK"),
  REGISTERED(201, "REGISTERED"),
  /** The directory of users online, one per {@code 210-} line. */
  ONLINE(210, "ONLINE"),
  BALANCE(211, "BALANCE"),
  /** A user's ledger entries, one per {@code 212-} line. */
  HISTORY(212, "HISTORY"),
  /** The greeting, sent once a connection's TLS handshake is done. */
  READY(220, "READY"),
  BYE(221, "BYE"),
  LOGGED_IN(230, "LOGGED_IN"),
  SETTLED(250, "SETTLED"),
  /** The order was settled before: this answer repeats that outcome and moved no money. */
  ALREADY_SETTLED(251, "ALREADY_SETTLED"),

  /** Every worker is busy and the queue is full: try again in a moment. */
  BUSY(421, "BUSY"),
  /** The payee is not online, or did not answer. */
  OFFLINE(450, "OFFLINE"),
  /** The ledger's database cannot be reached. */
  UNAVAILABLE(451, "UNAVAILABLE"),
  /** The payee did not decide in time. */
  TIMEOUT(452, "TIMEOUT"),

  SYNTAX(500, "SYNTAX"),
  ARGUMENT(501, "ARGUMENT"),
  /** A command other than REGISTER on a connection without a registered certificate. */
  CERTIFICATE_REQUIRED(530, "CERTIFICATE_REQUIRED"),
  /** The caller may not do this: settle an order they are not the payee of, log in twice. */
  FORBIDDEN(531, "FORBIDDEN"),
  NAME_TAKEN(532, "NAME_TAKEN"),
  UNKNOWN_USER(540, "UNKNOWN_USER"),
  DECLINED(550, "DECLINED"),
  INSUFFICIENT_FUNDS(551, "INSUFFICIENT_FUNDS"),
  /** A signature or certificate that does not verify, or an order changed after signing. */
  FORGED(552, "FORGED"),
  EXPIRED(553, "EXPIRED"),
  /** An order id already used by another order. */
  REPLAYED(554, "REPLAYED"),
  SELF_PAYMENT(555, "SELF_PAYMENT"),
  /** The payer gave the order up with CANCEL: it can never settle. */
  CANCELLED(556, "CANCELLED"),
  INTERNAL(590, "INTERNAL");

  private final int code;
  private final String keyword;

  PayStatus(int code, String keyword) {
    this.code = code;
    this.keyword = keyword;
  }

  public int code() {
    return code;
  }

  public String keyword() {
    return keyword;
  }

  /** 2xx: done. */
  public boolean isSuccess() {
    return code < 400;
  }

  /** 4xx: the same request may succeed later. */
  public boolean isTransient() {
    return code >= 400 && code < 500;
  }

  /** The status a reply line names, by code and keyword both. */
  public static Optional<PayStatus> of(int code, String keyword) {
    for (PayStatus status : values()) {
      if (status.code == code && status.keyword.equals(keyword)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
