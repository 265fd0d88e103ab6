package org.netlab.domain.phonebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A phonebook held in memory and lost with the process: the reference behaviour of {@link
 * Phonebook}, for tests and for trying the clients without a store. Safe for many threads.
 */
public final class InMemoryPhonebook implements Phonebook {
  /** Entries by {@link EntryRules#key}, so sorted ignoring case. */
  private final TreeMap<String, Entry> entries = new TreeMap<>();

  @Override
  public synchronized Entry add(String name, String number) {
    Entry entry = new Entry(name, number);
    if (entries.putIfAbsent(EntryRules.key(entry.name()), entry) != null) {
      throw PhonebookRefusals.nameTaken(entry.name());
    }
    return entry;
  }

  @Override
  public synchronized Entry update(String name, String number) {
    String validName = EntryRules.name(name);
    String validNumber = EntryRules.number(number);
    Entry stored = entries.get(EntryRules.key(validName));
    if (stored == null) {
      throw PhonebookRefusals.noEntryNamed(validName);
    }
    Entry updated = new Entry(stored.name(), validNumber);
    entries.put(EntryRules.key(validName), updated);
    return updated;
  }

  @Override
  public synchronized Entry find(String name) {
    String validName = EntryRules.name(name);
    Entry stored = entries.get(EntryRules.key(validName));
    if (stored == null) {
      throw PhonebookRefusals.noEntryNamed(validName);
    }
    return stored;
  }

  @Override
  public synchronized long count() {
    return entries.size();
  }

  @Override
  public synchronized void remove(String name) {
    String validName = EntryRules.name(name);
    if (entries.remove(EntryRules.key(validName)) == null) {
      throw PhonebookRefusals.noEntryNamed(validName);
    }
  }

  @Override
  public synchronized long removeAll() {
    int removed = entries.size();
    entries.clear();
    return removed;
  }

  @Override
  public synchronized List<Entry> list(String namePrefix) {
    String keyPrefix = EntryRules.key(EntryRules.prefix(namePrefix));
    List<Entry> matching = new ArrayList<>();
    for (Map.Entry<String, Entry> entry : entries.tailMap(keyPrefix).entrySet()) {
      if (!entry.getKey().startsWith(keyPrefix)) {
        break;
      }
      matching.add(entry.getValue());
    }
    return matching;
  }
}
