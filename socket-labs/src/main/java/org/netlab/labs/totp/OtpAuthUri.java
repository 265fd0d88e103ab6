package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Objects;

/**
 * The {@code otpauth://totp/} key URI that authenticator apps read from a QR code: {@code
 * otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=...&digits=...&period=...}. Issuer
 * and account are percent-encoded as UTF-8 (a space is {@code %20}, never {@code +}, which apps
 * would show literally); neither may contain a colon, which separates them in the label.
 */
public record OtpAuthUri(
    String issuer, String account, OtpSecret secret, OtpParameters parameters) {
  public static final int MAX_LABEL_PART = 64;

  public OtpAuthUri {
    issuer = labelPart("issuer", issuer);
    account = labelPart("account", account);
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(parameters, "parameters");
  }

  /** The URI text. */
  @Override
  public String toString() {
    return "otpauth://totp/"
        + encode(issuer)
        + ":"
        + encode(account)
        + "?secret="
        + secret.base32()
        + "&issuer="
        + encode(issuer)
        + "&algorithm="
        + parameters.algorithm().uriName()
        + "&digits="
        + parameters.digits()
        + "&period="
        + parameters.period().getSeconds();
  }

  private static String labelPart(String what, String value) {
    Objects.requireNonNull(value, what);
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (stripped.codePointCount(0, stripped.length()) > MAX_LABEL_PART) {
      throw new IllegalArgumentException(
          what + " must be at most " + MAX_LABEL_PART + " characters");
    }
    if (stripped.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          what + " must not contain ':' (it separates issuer and account)");
    }
    if (stripped.codePoints().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(what + " must not contain control characters");
    }
    return stripped;
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(UTF_8)) {
      int c = b & 0xff;
      if (c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
