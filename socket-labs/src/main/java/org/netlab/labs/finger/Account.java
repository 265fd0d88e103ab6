package org.netlab.labs.finger;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What finger tells about one user. The texts from the user's own files (plan, project, PGP key)
 * are already size-capped and stripped of control characters.
 *
 * @param login the login name
 * @param fullName the real name, empty when unknown
 * @param home the home directory
 * @param shell the login shell
 * @param plan the {@code ~/.plan} text, if any
 * @param project the {@code ~/.project} text, if any
 * @param pgpKey the {@code ~/.pgpkey} text, if any
 * @param sessions the user's current sessions, oldest first
 */
public record Account(
    String login,
    String fullName,
    String home,
    String shell,
    Optional<String> plan,
    Optional<String> project,
    Optional<String> pgpKey,
    List<Session> sessions) {
  public Account {
    if (login == null || login.isEmpty()) {
      throw new IllegalArgumentException("login must not be empty");
    }
    Objects.requireNonNull(fullName, "fullName");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(shell, "shell");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(pgpKey, "pgpKey");
    sessions = List.copyOf(sessions);
  }

  /**
   * Whether a query for {@code name} means this account: the login exactly, or one word of the full
   * name ignoring case, as classic fingerd matches.
   */
  public boolean answersTo(String name) {
    if (login.equals(name)) {
      return true;
    }
    for (String word : fullName.split("[\\s,]+")) {
      if (!word.isEmpty() && word.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
