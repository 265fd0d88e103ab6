package org.netlab.labs.pay;

import java.util.regex.Pattern;

/**
 * The names users register. Lower case only, so that {@code Alice} and {@code alice} cannot be two
 * people; a letter first; at most 32 characters, so a name fits in a certificate and a log line.
 */
public final class UserNames {
  public static final String RULE = "2 to 32 of a-z 0-9 _ -, starting with a letter";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{1,31}");

  private UserNames() {}

  public static boolean valid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * @throws IllegalArgumentException naming the rule, when {@code name} breaks it
   */
  public static String check(String name) {
    if (!valid(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a user name: " + RULE);
    }
    return name;
  }
}
