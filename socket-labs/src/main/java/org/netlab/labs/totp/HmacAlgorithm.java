package org.netlab.labs.totp;

import java.util.Locale;

/** The HMAC functions RFC 6238 allows, with their JCA and key-URI names. */
public enum HmacAlgorithm {
  SHA1("HmacSHA1"),
  SHA256("HmacSHA256"),
  SHA512("HmacSHA512");

  private final String jcaName;

  HmacAlgorithm(String jcaName) {
    this.jcaName = jcaName;
  }

  /** The name {@link javax.crypto.Mac#getInstance(String)} knows. */
  public String jcaName() {
    return jcaName;
  }

  /** The name of the {@code algorithm} parameter of an {@code otpauth://} URI. */
  public String uriName() {
    return name();
  }

  /** Parses a name as written in a URI or on a command line, ignoring case. */
  public static HmacAlgorithm parse(String text) {
    String wanted = text.strip().toUpperCase(Locale.ROOT).replace("-", "");
    for (HmacAlgorithm algorithm : values()) {
      if (algorithm.name().equals(wanted)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException(
        "unknown algorithm '" + text + "': expected SHA1, SHA256 or SHA512");
  }
}
