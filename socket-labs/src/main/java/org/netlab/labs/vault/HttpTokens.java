package org.netlab.labs.vault;

/**
 * The token of HTTP (RFC 9110 section 5.6.2): what field names and methods are made of. Shared by
 * the vault server, which reads requests, and its client, which reads answers.
 */
public final class HttpTokens {
  private HttpTokens() {}

  /** Whether {@code text} is one or more tchar. */
  public static boolean isToken(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
