package org.netlab.labs.finger;

import java.time.Instant;
import java.util.Objects;

/**
 * One login session.
 *
 * @param login the account logged in
 * @param line the terminal, such as {@code pts/0}
 * @param since when the session started
 * @param from the remote host, empty for a local login
 */
public record Session(String login, String line, Instant since, String from) {
  public Session {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(from, "from");
  }
}
