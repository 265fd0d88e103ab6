package org.netlab.labs.pay;

import java.time.Duration;
import org.netlab.labs.net.LineReader;

/**
 * What the central server, the peers and their clients share about the wire: ports, limits and
 * command names. Lines are UTF-8 (in practice ASCII), end with CRLF, and carry binary values
 * (certificate requests, certificates, signatures) in standard base64 with padding.
 */
public final class PayProtocol {
  /** The central server's port: next to the vault's 8444 and its lab channel's 8445. */
  public static final int DEFAULT_PORT = 8446;

  public static final String CRLF = LineReader.CRLF;

  /** Long enough for a REGISTER line with an RSA-4096 request; no line of the lab needs more. */
  public static final int MAX_LINE_BYTES = 8192;

  /** How often a logged-in peer says PING. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(10);

  /** A peer silent this long is no longer online. */
  public static final Duration PRESENCE_TIMEOUT = Duration.ofSeconds(30);

  /** The longest an order may be valid for, counted from when the server sees it. */
  public static final Duration MAX_ORDER_LIFETIME = Duration.ofMinutes(10);

  /** How long a payer's order is valid by default: the payee's decision included. */
  public static final Duration DEFAULT_ORDER_LIFETIME = Duration.ofMinutes(2);

  /** What the payee signs to accept: this prefix, then the order line. */
  public static final String ACCEPT_PREFIX = "ACCEPT ";

  // Commands of the central server.
  public static final String REGISTER = "REGISTER";
  public static final String LOGIN = "LOGIN";
  public static final String PING = "PING";
  public static final String LIST = "LIST";
  public static final String BALANCE = "BALANCE";
  public static final String SETTLE = "SETTLE";
  public static final String CANCEL = "CANCEL";
  public static final String HISTORY = "HISTORY";
  public static final String LOGOUT = "LOGOUT";
  public static final String QUIT = "QUIT";

  // Commands of a peer's own server.
  public static final String OFFER = "OFFER";

  /** HISTORY without a count, and its most. */
  public static final int DEFAULT_HISTORY = 20;

  public static final int MAX_HISTORY = 1000;

  private PayProtocol() {}
}
