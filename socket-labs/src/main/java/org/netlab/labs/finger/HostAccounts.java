package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The host's own users: accounts from {@code /etc/passwd}, sessions from utmp, and each user's
 * {@code ~/.plan}, {@code ~/.project} and {@code ~/.pgpkey}.
 *
 * <p>Read afresh on every query, so answers follow the host. A user's file is read only if it is a
 * regular file (not a symbolic link) owned by that user, so no one can publish another file through
 * finger; at most {@code maxFileBytes} of it are shown. A user with a {@code ~/.nofinger} is never
 * shown.
 */
public final class HostAccounts implements UserDirectory {
  /** Default cap on each user file. */
  public static final int DEFAULT_MAX_FILE_BYTES = 4096;

  private static final long MAX_PASSWD_BYTES = 16L * 1024 * 1024;

  private final Path passwd;
  private final UtmpFile utmp;
  private final int maxFileBytes;

  public HostAccounts(Path passwd, UtmpFile utmp, int maxFileBytes) {
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("maxFileBytes must be at least 1");
    }
    this.passwd = passwd;
    this.utmp = utmp;
    this.maxFileBytes = maxFileBytes;
  }

  @Override
  public List<Account> find(String name) throws IOException {
    List<Account> bare = new ArrayList<>();
    Map<String, PasswdEntry> byLogin = entries();
    for (PasswdEntry entry : byLogin.values()) {
      bare.add(bare(entry));
    }
    List<Account> found = new ArrayList<>();
    List<Session> sessions = null;
    for (Account match : UserDirectory.select(bare, name)) {
      PasswdEntry entry = byLogin.get(match.login());
      if (hidden(entry)) {
        continue;
      }
      if (sessions == null) {
        sessions = utmp.sessions();
      }
      found.add(full(entry, sessions));
    }
    return found;
  }

  @Override
  public List<Account> loggedIn() throws IOException {
    List<Session> sessions = utmp.sessions();
    Map<String, PasswdEntry> byLogin = entries();
    List<Account> accounts = new ArrayList<>();
    sessions.stream()
        .map(Session::login)
        .distinct()
        .sorted()
        .map(byLogin::get)
        .filter(entry -> entry != null && !hidden(entry))
        .forEach(entry -> accounts.add(full(entry, sessions)));
    return accounts;
  }

  private Map<String, PasswdEntry> entries() throws IOException {
    if (Files.size(passwd) > MAX_PASSWD_BYTES) {
      throw new IOException(passwd + " is larger than " + MAX_PASSWD_BYTES + " bytes");
    }
    Map<String, PasswdEntry> byLogin = new TreeMap<>();
    for (PasswdEntry entry : PasswdEntry.parseAll(Files.readAllLines(passwd, UTF_8))) {
      byLogin.putIfAbsent(entry.login(), entry);
    }
    return byLogin;
  }

  private static Account bare(PasswdEntry entry) {
    return new Account(
        entry.login(),
        entry.fullName(),
        entry.home(),
        entry.shell(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of());
  }

  private static List<Session> sessionsOf(String login, List<Session> sessions) {
    return sessions.stream()
        .filter(s -> s.login().equals(login))
        .sorted(Comparator.comparing(Session::since))
        .toList();
  }

  private Account full(PasswdEntry entry, List<Session> sessions) {
    Path home = Path.of(entry.home());
    return new Account(
        entry.login(),
        entry.fullName(),
        entry.home(),
        entry.shell(),
        ownFile(home.resolve(".plan"), entry.uid()),
        ownFile(home.resolve(".project"), entry.uid()),
        ownFile(home.resolve(".pgpkey"), entry.uid()),
        sessionsOf(entry.login(), sessions));
  }

  private static boolean hidden(PasswdEntry entry) {
    return Files.exists(Path.of(entry.home()).resolve(".nofinger"), LinkOption.NOFOLLOW_LINKS);
  }

  /** The file's text when it is a regular file owned by {@code uid}; else nothing. */
  private Optional<String> ownFile(Path file, long uid) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      Object owner = Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      if (!attributes.isRegularFile() || ((Number) owner).longValue() != uid) {
        return Optional.empty();
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readNBytes(maxFileBytes + 1);
      }
      String text = new String(bytes, 0, Math.min(bytes.length, maxFileBytes), UTF_8);
      if (bytes.length > maxFileBytes) {
        text += "\n[truncated at " + maxFileBytes + " bytes]";
      }
      return Optional.of(PrintableText.strip(text).stripTrailing());
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }
}
