package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host's own users: accounts from {@code /etc/passwd}, sessions from utmp, and each user's
 * {@code ~/.plan}, {@code ~/.project} and {@code ~/.pgpkey}.
 *
 * <p>Answers follow the host within a second: what was read is kept while the files it came from
 * are unchanged, which a query checks when the last check is more than {@link #RECHECK_MILLIS} old,
 * with a {@code stat} of each ({@link FileStamp}): {@code /etc/passwd}, utmp, the user's home
 * directory (a file created, removed or renamed there changes it) and the user's files that exist.
 * A user's file is read only if it is a regular file (not a symbolic link) owned by that user, so
 * no one can publish another file through finger; at most {@code maxFileBytes} of it are shown. A
 * user with a {@code ~/.nofinger} is never shown.
 */
public final class HostAccounts implements UserDirectory {
  /** Default cap on each user file. */
  public static final int DEFAULT_MAX_FILE_BYTES = 4096;

  private static final long MAX_PASSWD_BYTES = 16L * 1024 * 1024;

  /**
   * How long what was read is used without a new look at its files' stamps. A {@code stat} costs
   * about as much as the rest of an answer, and a query reads three or four files.
   */
  static final long RECHECK_MILLIS = 1000;

  /** The user's files, in the order {@link UserFiles#stamps} keeps them. */
  private static final List<String> USER_FILES =
      List.of(".plan", ".project", ".pgpkey", ".nofinger");

  private final Path passwd;
  private final UtmpFile utmp;
  private final int maxFileBytes;
  private final Clock clock;
  private volatile Passwd accounts;
  private volatile long accountsChecked;
  private volatile Logins logins;
  private volatile long loginsChecked;
  private final Map<String, UserFiles> userFiles = new ConcurrentHashMap<>();
  private final Map<String, Long> userFilesChecked = new ConcurrentHashMap<>();

  /** The accounts of {@code /etc/passwd} as read, with the stamp of the file read. */
  private record Passwd(
      FileStamp stamp, boolean settled, Map<String, PasswdEntry> byLogin, List<Account> bare) {}

  /** The sessions of utmp as read; a null stamp when there was no utmp. */
  private record Logins(FileStamp stamp, boolean settled, List<Session> sessions) {}

  /**
   * What a user's own files said, with the stamps of the home directory and of each file of {@link
   * #USER_FILES} that existed (null for those that did not).
   */
  private record UserFiles(
      PasswdEntry entry,
      FileStamp home,
      List<FileStamp> stamps,
      boolean settled,
      boolean hidden,
      Optional<String> plan,
      Optional<String> project,
      Optional<String> pgpKey) {}

  public HostAccounts(Path passwd, UtmpFile utmp, int maxFileBytes) {
    this(passwd, utmp, maxFileBytes, Clock.systemUTC());
  }

  /**
   * @param clock tells when a file was read, to know whether its stamp had settled ({@link
   *     FileStamp#settled})
   */
  HostAccounts(Path passwd, UtmpFile utmp, int maxFileBytes, Clock clock) {
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("maxFileBytes must be at least 1");
    }
    this.passwd = passwd;
    this.utmp = utmp;
    this.maxFileBytes = maxFileBytes;
    this.clock = clock;
  }

  @Override
  public List<Account> find(String name) throws IOException {
    Passwd read = entries();
    List<Account> found = new ArrayList<>();
    List<Session> sessions = null;
    for (Account match : UserDirectory.select(read.bare(), name)) {
      UserFiles files = userFiles(read.byLogin().get(match.login()));
      if (files.hidden()) {
        continue;
      }
      if (sessions == null) {
        sessions = sessions();
      }
      found.add(full(files, sessions));
    }
    return found;
  }

  @Override
  public List<Account> loggedIn() throws IOException {
    List<Session> sessions = sessions();
    Map<String, PasswdEntry> byLogin = entries().byLogin();
    List<Account> accounts = new ArrayList<>();
    for (String login : sessions.stream().map(Session::login).distinct().sorted().toList()) {
      PasswdEntry entry = byLogin.get(login);
      if (entry == null) {
        continue;
      }
      UserFiles files = userFiles(entry);
      if (!files.hidden()) {
        accounts.add(full(files, sessions));
      }
    }
    return accounts;
  }

  /**
   * From memory when passwd, utmp and the files of every user found were checked less than {@link
   * #RECHECK_MILLIS} ago; else null.
   */
  @Override
  public List<Account> findInMemory(String name) {
    long now = clock.millis();
    Passwd read = accounts;
    Logins sessions = logins;
    if (read == null
        || !read.settled()
        || now - accountsChecked >= RECHECK_MILLIS
        || sessions == null
        || !sessions.settled()
        || now - loginsChecked >= RECHECK_MILLIS) {
      return null;
    }
    List<Account> found = new ArrayList<>();
    for (Account match : UserDirectory.select(read.bare(), name)) {
      UserFiles files = userFiles.get(match.login());
      Long checked = userFilesChecked.get(match.login());
      if (files == null
          || !files.settled()
          || !files.entry().equals(read.byLogin().get(match.login()))
          || checked == null
          || now - checked >= RECHECK_MILLIS) {
        return null;
      }
      if (!files.hidden()) {
        found.add(full(files, sessions.sessions()));
      }
    }
    return found;
  }

  /** The accounts of the passwd file, read again only when it changed. */
  private Passwd entries() throws IOException {
    long now = clock.millis();
    Passwd kept = accounts;
    if (kept != null && kept.settled() && now - accountsChecked < RECHECK_MILLIS) {
      return kept;
    }
    FileStamp stamp = FileStamp.of(passwd);
    if (kept != null && kept.settled() && stamp != null && stamp.equals(kept.stamp())) {
      accountsChecked = now;
      return kept;
    }
    long readAt = now;
    if (Files.size(passwd) > MAX_PASSWD_BYTES) {
      throw new IOException(passwd + " is larger than " + MAX_PASSWD_BYTES + " bytes");
    }
    Map<String, PasswdEntry> byLogin = new TreeMap<>();
    for (PasswdEntry entry : PasswdEntry.parseAll(Files.readAllLines(passwd, UTF_8))) {
      byLogin.putIfAbsent(entry.login(), entry);
    }
    List<Account> bare = new ArrayList<>();
    for (PasswdEntry entry : byLogin.values()) {
      bare.add(bare(entry));
    }
    Passwd read =
        new Passwd(
            stamp, stamp != null && stamp.settled(readAt), Map.copyOf(byLogin), List.copyOf(bare));
    accounts = read;
    accountsChecked = readAt;
    // Users gone from the file leave no files behind.
    userFiles.keySet().retainAll(byLogin.keySet());
    userFilesChecked.keySet().retainAll(byLogin.keySet());
    return read;
  }

  /** Who is logged in, read again only when utmp changed. */
  private List<Session> sessions() throws IOException {
    long now = clock.millis();
    Logins kept = logins;
    if (kept != null && kept.settled() && now - loginsChecked < RECHECK_MILLIS) {
      return kept.sessions();
    }
    // Checked first, so that a host without utmp costs no exception.
    FileStamp stamp = Files.exists(utmp.path()) ? FileStamp.of(utmp.path()) : null;
    if (kept != null && kept.settled() && Objects.equals(stamp, kept.stamp())) {
      loginsChecked = now;
      return kept.sessions();
    }
    List<Session> sessions = List.copyOf(utmp.sessions());
    logins = new Logins(stamp, stamp == null || stamp.settled(now), sessions);
    loginsChecked = now;
    return sessions;
  }

  /**
   * What {@code entry}'s own files say, read again only when the home directory or one of the files
   * changed; read without keeping when they cannot be checked.
   */
  private UserFiles userFiles(PasswdEntry entry) {
    Path home = Path.of(entry.home());
    UserFiles kept = userFiles.get(entry.login());
    long now = clock.millis();
    try {
      if (kept != null && kept.settled() && kept.entry().equals(entry)) {
        Long checked = userFilesChecked.get(entry.login());
        if (checked != null && now - checked < RECHECK_MILLIS) {
          return kept;
        }
        if (unchanged(home, kept)) {
          userFilesChecked.put(entry.login(), now);
          return kept;
        }
      }
      long readAt = now;
      FileStamp homeStamp = FileStamp.of(home);
      boolean settled = homeStamp == null || homeStamp.settled(readAt);
      List<FileStamp> stamps = new ArrayList<>();
      for (String name : USER_FILES) {
        FileStamp stamp = FileStamp.of(home.resolve(name), LinkOption.NOFOLLOW_LINKS);
        settled &= stamp == null || stamp.settled(readAt);
        stamps.add(stamp);
      }
      UserFiles read = read(entry, homeStamp, Collections.unmodifiableList(stamps), settled);
      userFiles.put(entry.login(), read);
      userFilesChecked.put(entry.login(), readAt);
      return read;
    } catch (IOException | UnsupportedOperationException e) {
      userFiles.remove(entry.login());
      return read(entry, null, List.of(), false);
    }
  }

  private static boolean unchanged(Path home, UserFiles kept) throws IOException {
    if (!Objects.equals(FileStamp.of(home), kept.home())) {
      return false;
    }
    for (int i = 0; i < USER_FILES.size(); i++) {
      FileStamp stamp = kept.stamps().get(i);
      if (stamp != null
          && !stamp.equals(
              FileStamp.of(home.resolve(USER_FILES.get(i)), LinkOption.NOFOLLOW_LINKS))) {
        return false;
      }
    }
    return true;
  }

  /** Reads the user's files; the stamps were taken before, so a change meanwhile is seen next. */
  private UserFiles read(
      PasswdEntry entry, FileStamp home, List<FileStamp> stamps, boolean settled) {
    Path dir = Path.of(entry.home());
    return new UserFiles(
        entry,
        home,
        stamps,
        settled,
        hidden(entry),
        ownFile(dir.resolve(".plan"), entry.uid()),
        ownFile(dir.resolve(".project"), entry.uid()),
        ownFile(dir.resolve(".pgpkey"), entry.uid()));
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

  private static Account full(UserFiles files, List<Session> sessions) {
    PasswdEntry entry = files.entry();
    return new Account(
        entry.login(),
        entry.fullName(),
        entry.home(),
        entry.shell(),
        files.plan(),
        files.project(),
        files.pgpKey(),
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
