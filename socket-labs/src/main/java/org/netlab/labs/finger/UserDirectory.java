package org.netlab.labs.finger;

import java.io.IOException;
import java.util.List;

/**
 * Where finger answers come from. Users who asked to be hidden are never returned. Implementations
 * take the name only as a lookup key: never as a path or a command.
 */
public interface UserDirectory {
  /** The accounts a query for {@code name} means (login or full-name word); may be empty. */
  List<Account> find(String name) throws IOException;

  /** The accounts with at least one session, each with its sessions, sorted by login. */
  List<Account> loggedIn() throws IOException;

  /**
   * What {@link #find} would return, when it can be told from memory alone, without reading or even
   * looking at a file (which could block on a slow disk or network file system); null when it
   * cannot. The daemon then answers on the accepting thread. None can by default.
   */
  default List<Account> findInMemory(String name) {
    return null;
  }

  /** What {@link #loggedIn} would return, when it can be told from memory alone; else null. */
  default List<Account> loggedInInMemory() {
    return null;
  }

  /**
   * The accounts among {@code all} that a query for {@code name} means: those whose login it is, or
   * when there is none, those with it as a word of their full name.
   */
  static List<Account> select(List<Account> all, String name) {
    List<Account> byLogin = all.stream().filter(a -> a.login().equals(name)).toList();
    return byLogin.isEmpty() ? all.stream().filter(a -> a.answersTo(name)).toList() : byLogin;
  }
}
