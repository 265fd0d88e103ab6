package org.netlab.labs.finger;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code finger -m}: keeps the accounts of an answer whose login is exactly the name asked about.
 * RFC 1288 has no way to ask a server for that, and servers (ours included) also match words of
 * full names, so the client picks from what came back. An account starts at a {@code Login:} line
 * at the start of the answer or after a blank line; an answer without any is shown as it came.
 */
final class LoginMatch {
  private LoginMatch() {}

  static String keep(String answer, String login) {
    List<String> lines = answer.lines().toList();
    List<List<String>> accounts = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      boolean starts = lines.get(i).startsWith("Login:") && (i == 0 || lines.get(i - 1).isBlank());
      if (starts) {
        accounts.add(new ArrayList<>());
      }
      if (!accounts.isEmpty()) {
        accounts.getLast().add(lines.get(i));
      }
    }
    if (accounts.isEmpty()) {
      return answer;
    }
    StringBuilder kept = new StringBuilder();
    for (List<String> account : accounts) {
      if (!loginOf(account.getFirst()).equals(login)) {
        continue;
      }
      // The blank line that separated it from the next account is not part of it.
      List<String> body = new ArrayList<>(account);
      while (!body.isEmpty() && body.getLast().isBlank()) {
        body.removeLast();
      }
      if (!kept.isEmpty()) {
        kept.append('\n');
      }
      body.forEach(line -> kept.append(line).append('\n'));
    }
    return kept.isEmpty() ? "finger: " + login + ": no such user\n" : kept.toString();
  }

  private static String loginOf(String loginLine) {
    String rest = loginLine.substring("Login:".length()).strip();
    int space = rest.indexOf(' ');
    return space < 0 ? rest : rest.substring(0, space);
  }
}
