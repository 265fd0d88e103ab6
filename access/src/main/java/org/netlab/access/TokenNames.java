package org.netlab.access;

import java.util.regex.Pattern;
import org.netlab.domain.ServiceException;

/** What a token's name may be: 1 to 64 letters, digits, dots, dashes, underscores and at signs. */
public final class TokenNames {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private TokenNames() {}

  /**
   * {@code name}, checked.
   *
   * @throws ServiceException INVALID_ARGUMENT saying what a name may hold
   */
  public static String check(String name) {
    if (name == null || !VALID.matcher(name).matches()) {
      throw ServiceException.invalidArgument(
          "a token name is 1 to 64 letters, digits, '.', '-', '_' or '@'");
    }
    return name;
  }
}
