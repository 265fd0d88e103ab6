package org.netlab.labs.ftp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.netlab.labs.cli.InvalidFileException;

/**
 * Named users of the FTP server, read from a users file: one {@code NAME:HASH} per line where HASH
 * is a {@link PasswordHash} ({@code bin/ftpd --hash-password NAME} prints such a line); blank lines
 * and lines starting with {@code #} are ignored. Named users may write. Unknown names cost as much
 * time as known ones, so names cannot be probed.
 */
public final class UserDatabase {
  private final Map<String, PasswordHash> users;

  /** Checked for unknown names, with the highest cost found among the real entries. */
  private final PasswordHash decoy;

  public UserDatabase(Map<String, PasswordHash> users) {
    this.users = Map.copyOf(users);
    int iterations = users.values().stream().mapToInt(PasswordHash::iterations).max().orElse(1000);
    this.decoy = PasswordHash.create("decoy".toCharArray(), iterations);
  }

  public static UserDatabase empty() {
    return new UserDatabase(Map.of());
  }

  /** Reads a users file; a malformed line fails the whole load with its line number. */
  public static UserDatabase load(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, PasswordHash> users = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 1) {
        throw new InvalidFileException(file + " line " + (i + 1) + ": expected NAME:HASH");
      }
      try {
        users.put(line.substring(0, colon), PasswordHash.parse(line.substring(colon + 1)));
      } catch (IllegalArgumentException e) {
        throw new InvalidFileException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new UserDatabase(users);
  }

  /** One line of a users file. */
  public static String entry(String name, PasswordHash hash) {
    if (name.isEmpty() || name.contains(":") || name.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a user name is non-empty, without ':' or spaces");
    }
    return name + ":" + hash.encode();
  }

  /** Checks a password; takes one hash computation whether or not the name exists. */
  public boolean verify(String name, char[] password) {
    PasswordHash hash = users.get(name);
    if (hash == null) {
      decoy.matches(password);
      return false;
    }
    return hash.matches(password);
  }

  public boolean isEmpty() {
    return users.isEmpty();
  }
}
