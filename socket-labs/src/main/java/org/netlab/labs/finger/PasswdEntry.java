package org.netlab.labs.finger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of {@code /etc/passwd}: {@code login:password:uid:gid:gecos:home:shell}.
 *
 * @param login the login name
 * @param uid the numeric user id
 * @param fullName the first GECOS field, with {@code &} replaced by the capitalised login
 * @param home the home directory
 * @param shell the login shell
 */
public record PasswdEntry(String login, long uid, String fullName, String home, String shell) {
  /** Parses {@code /etc/passwd} text, skipping comments and malformed lines. */
  public static List<PasswdEntry> parseAll(List<String> lines) {
    List<PasswdEntry> entries = new ArrayList<>();
    for (String line : lines) {
      PasswdEntry entry = parse(line);
      if (entry != null) {
        entries.add(entry);
      }
    }
    return entries;
  }

  /** One entry, or null when the line is a comment, NIS marker or malformed. */
  static PasswdEntry parse(String line) {
    String[] fields = line.split(":", -1);
    if (fields.length != 7
        || fields[0].isEmpty()
        || fields[0].startsWith("+")
        || fields[0].startsWith("-")
        || fields[0].startsWith("#")) {
      return null;
    }
    long uid;
    try {
      uid = Long.parseLong(fields[2]);
    } catch (NumberFormatException e) {
      return null;
    }
    String login = fields[0];
    String fullName = fields[4].split(",", -1)[0].replace("&", capitalised(login));
    return new PasswdEntry(
        login,
        uid,
        PrintableText.strip(fullName),
        PrintableText.strip(fields[5]),
        PrintableText.strip(fields[6]));
  }

  private static String capitalised(String login) {
    return login.substring(0, 1).toUpperCase(Locale.ROOT) + login.substring(1);
  }
}
