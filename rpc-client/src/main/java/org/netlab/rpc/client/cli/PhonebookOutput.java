package org.netlab.rpc.client.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.netlab.domain.phonebook.Entry;

/**
 * How phonebook results are shown: short sentences for people, or one JSON value per command for
 * scripts ({@code --json}). The same whatever carried the call.
 */
final class PhonebookOutput {
  private final PrintWriter out;
  private final boolean json;

  PhonebookOutput(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  void added(Entry entry) {
    entry("added ", entry);
  }

  void updated(Entry entry) {
    entry("updated ", entry);
  }

  void found(Entry entry) {
    entry("", entry);
  }

  void count(long count) {
    if (json) {
      Json.print(out, Map.of("count", count));
    } else {
      out.println(entries(count));
    }
    out.flush();
  }

  void removed(String name) {
    if (json) {
      Json.print(out, Map.of("removed", name));
    } else {
      out.println("removed " + name);
    }
    out.flush();
  }

  void cleared(long count) {
    if (json) {
      Json.print(out, Map.of("removed", count));
    } else {
      out.println("removed " + entries(count));
    }
    out.flush();
  }

  /** Entries in aligned columns, or a line saying there are none. */
  void list(String prefix, List<Entry> entries) {
    if (json) {
      Json.print(out, entries);
      return;
    }
    if (entries.isEmpty()) {
      out.println(prefix.isEmpty() ? "no entries" : "no entries starting with '" + prefix + "'");
    }
    int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(0);
    for (Entry entry : entries) {
      out.println(entry.name() + " ".repeat(width - entry.name().length() + 2) + entry.number());
    }
    out.flush();
  }

  private void entry(String verb, Entry entry) {
    if (json) {
      Json.print(out, entry);
    } else {
      out.println(verb + entry.name() + ": " + entry.number());
    }
    out.flush();
  }

  static String entries(long count) {
    return count + (count == 1 ? " entry" : " entries");
  }
}
