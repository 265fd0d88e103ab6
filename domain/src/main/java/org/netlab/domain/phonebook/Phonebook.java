package org.netlab.domain.phonebook;

import java.util.List;

/**
 * Names and their phone numbers (the lab's "Annuaire"). Names are unique ignoring case; see {@link
 * EntryRules} for what a valid name and number are.
 *
 * <p>Every method throws {@link org.netlab.domain.ServiceException}: {@code INVALID_ARGUMENT} for a
 * bad name or number, {@code UNAVAILABLE} when the store is out of reach, and the codes given
 * below. A write has been made durable when it returns.
 */
public interface Phonebook {
  /** Adds an entry and returns it as stored; {@code ALREADY_EXISTS} if the name is taken. */
  Entry add(String name, String number);

  /** Replaces the number of an entry; {@code NOT_FOUND} if there is no such name. */
  Entry update(String name, String number);

  /** Finds the entry with this name, ignoring case; {@code NOT_FOUND} if there is none. */
  Entry find(String name);

  long count();

  /** Removes the entry with this name; {@code NOT_FOUND} if there is none. */
  void remove(String name);

  /** Removes every entry and returns how many there were. */
  long removeAll();

  /**
   * Returns the entries whose name starts with {@code namePrefix} ignoring case (all of them for an
   * empty prefix), sorted by name ignoring case.
   */
  List<Entry> list(String namePrefix);
}
