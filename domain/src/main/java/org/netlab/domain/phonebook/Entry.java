package org.netlab.domain.phonebook;

/**
 * One phonebook entry, valid by construction: the name and number are checked and trimmed by {@link
 * EntryRules}.
 */
public record Entry(String name, String number) {
  public Entry {
    name = EntryRules.name(name);
    number = EntryRules.number(number);
  }
}
