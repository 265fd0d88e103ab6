package org.netlab.labs.finger;

/** Constants of the Finger protocol (RFC 1288) as this project speaks it. */
public final class FingerProtocol {
  /** The port RFC 1288 §2.1 assigns to finger; classic daemons listen here. */
  public static final int CLASSIC_PORT = 79;

  /** Our daemon's default port: unprivileged, so it runs without root. */
  public static final int DEFAULT_PORT = 7979;

  /** Longest query line the daemon reads, terminator excluded. */
  public static final int MAX_QUERY_BYTES = 1024;

  /** RFC 1288 §2.2: every line ends with CRLF. */
  public static final String CRLF = "\r\n";

  /** The refusal RFC 1288 §3.2.1 suggests for forwarding. */
  public static final String FORWARDING_DENIED = "finger forwarding service denied";

  private FingerProtocol() {}
}
