package org.netlab.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.netlab.domain.ServiceException;

/**
 * Reads the token out of an {@code authorization} header, as gRPC metadata and HTTP carry it:
 * {@code Bearer TOKEN} (RFC 6750), or HTTP Basic (RFC 7617) with any user name and the token as
 * password, which is what a URL such as {@code https://user:TOKEN@host/RPC2} makes clients send.
 */
public final class AuthorizationHeader {
  /** Names the schemes accepted, for a {@code WWW-Authenticate} answer. */
  public static final String CHALLENGE = "Bearer realm=\"netlab\", Basic realm=\"netlab\"";

  private AuthorizationHeader() {}

  /**
   * The token in {@code value}.
   *
   * @throws ServiceException UNAUTHENTICATED when the header is not Bearer or Basic, or is
   *     malformed; the message never repeats the header
   */
  public static String token(String value) {
    String trimmed = value.strip();
    int space = trimmed.indexOf(' ');
    String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    String rest = space < 0 ? "" : trimmed.substring(space + 1).strip();
    String token =
        switch (scheme) {
          case "bearer" -> rest;
          case "basic" -> basicPassword(rest);
          default ->
              throw ServiceException.unauthenticated(
                  "the authorization header must be 'Bearer TOKEN' or HTTP Basic with the token as"
                      + " password");
        };
    if (token.isEmpty()) {
      throw ServiceException.unauthenticated("the authorization header holds no token");
    }
    return token;
  }

  private static String basicPassword(String encoded) {
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ServiceException.unauthenticated("the Basic authorization header is not base64");
    }
    int colon = pair.indexOf(':');
    if (colon < 0) {
      throw ServiceException.unauthenticated("the Basic authorization header must hold USER:TOKEN");
    }
    return pair.substring(colon + 1);
  }
}
