package org.netlab.labs.pay.peer;

import org.netlab.labs.pay.Amounts;

/** A HISTORY line as a person reads it. */
final class HistoryLines {
  private HistoryLines() {}

  /**
   * {@code 17 2026-12-02T10:45:00Z ORDER bob -1250 8750} becomes {@code 2026-12-02T10:45:00Z -12.50
   * to bob, balance 87.50 (transfer 17, order ORDER)}.
   */
  static String describe(String line) {
    String[] words = line.split(" ");
    if (words.length != 6) {
      return line;
    }
    long amount = Long.parseLong(words[4]);
    return String.format(
        "%s %s %s %s, balance %s (transfer %s, order %s)",
        words[1],
        (amount > 0 ? "+" : "") + Amounts.format(amount),
        amount > 0 ? "from" : "to",
        words[3],
        Amounts.format(Long.parseLong(words[5])),
        words[0],
        words[2]);
  }
}
