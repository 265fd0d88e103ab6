package org.netlab.access;

import java.util.Locale;

/** What an identity may do; each role includes the rights of those before it. */
public enum Role {
  /** The calculator, and reading the phonebook. */
  READER,
  /** Also adding, updating and removing phonebook entries. */
  WRITER,
  /** Also emptying the phonebook and managing tokens. */
  ADMIN;

  /** The role's name as commands, files and the store spell it: {@code reader}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this role has every right of {@code other}. */
  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  /**
   * The role named {@code label}, ignoring case.
   *
   * @throws IllegalArgumentException naming the roles there are
   */
  public static Role parse(String label) {
    for (Role role : values()) {
      if (role.label().equalsIgnoreCase(label.strip())) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "no role named '" + label + "'; the roles are reader, writer and admin");
  }
}
