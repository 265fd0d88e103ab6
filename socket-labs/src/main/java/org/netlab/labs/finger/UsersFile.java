package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.netlab.labs.cli.InvalidFileException;

/**
 * A user directory read from a text file, so that the daemon answers the same on every machine. The
 * file is UTF-8; blank lines and lines starting with {@code #} are ignored; every other line is a
 * key, one space, and a value:
 *
 * <pre>
 * user alice                  starts an account (login name)
 * name Alice Liddell          full name
 * home /home/alice            home directory
 * shell /bin/bash             login shell
 * plan Down the rabbit hole.  one line of the plan (repeat for more lines)
 * project Wonderland survey   one line of the project (repeatable)
 * pgpkey -----BEGIN PGP...    one line of the PGP key (repeatable)
 * session pts/0 2026-11-21T09:00:00Z 192.0.2.7   logged in: line, since (UTC), [from]
 * nofinger                    hides the account, as ~/.nofinger does
 * </pre>
 *
 * The file is read once; a mistake is reported with its line number.
 */
public final class UsersFile implements UserDirectory {
  private static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

  private final List<Account> accounts;

  private UsersFile(List<Account> accounts) {
    this.accounts = List.copyOf(accounts);
  }

  /**
   * Reads and checks the file.
   *
   * @throws IOException when it cannot be read, is larger than 4 MiB, or has an error (the message
   *     names the line)
   */
  public static UsersFile read(Path file) throws IOException {
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new InvalidFileException(file + ": larger than " + MAX_FILE_BYTES + " bytes");
    }
    return parse(file.toString(), Files.readAllLines(file, UTF_8));
  }

  /** Parses the lines of a users file; {@code source} names it in error messages. */
  public static UsersFile parse(String source, List<String> lines) throws IOException {
    List<Account> accounts = new ArrayList<>();
    Builder current = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int space = line.indexOf(' ');
      String key = space < 0 ? line : line.substring(0, space);
      String value = space < 0 ? "" : line.substring(space + 1).strip();
      String where = source + " line " + (i + 1) + ": ";
      if (key.equals("user")) {
        addVisible(accounts, current);
        current = new Builder(checkedLogin(where, value));
        continue;
      }
      if (current == null) {
        throw new InvalidFileException(where + "'" + key + "' before the first 'user' line");
      }
      current.set(where, key, value);
    }
    addVisible(accounts, current);
    accounts.sort(Comparator.comparing(Account::login));
    return new UsersFile(accounts);
  }

  @Override
  public List<Account> find(String name) {
    return UserDirectory.select(accounts, name);
  }

  @Override
  public List<Account> loggedIn() {
    return accounts.stream().filter(a -> !a.sessions().isEmpty()).toList();
  }

  /** Always: the file was read once, at start. */
  @Override
  public List<Account> findInMemory(String name) {
    return find(name);
  }

  @Override
  public List<Account> loggedInInMemory() {
    return loggedIn();
  }

  private static void addVisible(List<Account> accounts, Builder builder) throws IOException {
    if (builder != null && !builder.hidden) {
      for (Account existing : accounts) {
        if (existing.login().equals(builder.login)) {
          throw new InvalidFileException("user '" + builder.login + "' is defined twice");
        }
      }
      accounts.add(builder.build());
    }
  }

  private static String checkedLogin(String where, String login) throws IOException {
    try {
      return new FingerQuery(false, login, List.of()).user();
    } catch (IllegalArgumentException e) {
      throw new InvalidFileException(where + "invalid login name '" + login + "'");
    }
  }

  private static final class Builder {
    private final String login;
    private String name = "";
    private String home = "";
    private String shell = "";
    private final List<String> plan = new ArrayList<>();
    private final List<String> project = new ArrayList<>();
    private final List<String> pgpKey = new ArrayList<>();
    private final List<Session> sessions = new ArrayList<>();
    private boolean hidden;

    Builder(String login) {
      this.login = login;
    }

    void set(String where, String key, String value) throws IOException {
      switch (key) {
        case "name" -> name = PrintableText.strip(value);
        case "home" -> home = PrintableText.strip(value);
        case "shell" -> shell = PrintableText.strip(value);
        case "plan" -> plan.add(PrintableText.strip(value));
        case "project" -> project.add(PrintableText.strip(value));
        case "pgpkey" -> pgpKey.add(PrintableText.strip(value));
        case "session" -> sessions.add(session(where, value));
        case "nofinger" -> hidden = true;
        default -> throw new InvalidFileException(where + "unknown key '" + key + "'");
      }
    }

    private Session session(String where, String value) throws IOException {
      String[] fields = value.split("\\s+");
      if (fields.length < 2 || fields.length > 3) {
        throw new InvalidFileException(where + "expected 'session LINE SINCE [FROM]'");
      }
      try {
        return new Session(
            login,
            PrintableText.strip(fields[0]),
            Instant.parse(fields[1]),
            fields.length == 3 ? PrintableText.strip(fields[2]) : "");
      } catch (DateTimeParseException e) {
        throw new InvalidFileException(
            where + "session time '" + fields[1] + "' is not like 2026-11-21T09:00:00Z");
      }
    }

    Account build() {
      sessions.sort(Comparator.comparing(Session::since));
      return new Account(
          login, name, home, shell, text(plan), text(project), text(pgpKey), sessions);
    }

    private static Optional<String> text(List<String> lines) {
      return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines));
    }
  }
}
