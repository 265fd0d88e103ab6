package org.netlab.labs.finger;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Lays out finger answers as text, lines separated by LF; times are shown in UTC. */
final class FingerReport {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final String LIST_ROW = "%-12s %-24s %-10s %-20s %s";

  private FingerReport() {}

  /** One row per session: the short list answered to an empty query. */
  static String list(List<Account> accounts) {
    if (accounts.isEmpty()) {
      return "No one logged on.\n";
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(LIST_ROW, "Login", "Name", "Tty", "Since", "From").strip())
        .append('\n');
    for (Account account : accounts) {
      for (Session session : account.sessions()) {
        String row =
            String.format(
                LIST_ROW,
                cut(account.login(), 12),
                cut(account.fullName(), 24),
                cut(session.line(), 10),
                TIME.format(session.since()),
                session.from());
        out.append(row.strip()).append('\n');
      }
    }
    return out.toString();
  }

  /** Each account in turn, separated by a blank line. */
  static String accounts(List<Account> accounts, boolean longForm) {
    StringBuilder out = new StringBuilder();
    for (Account account : accounts) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      account(out, account, longForm);
    }
    return out.toString();
  }

  private static void account(StringBuilder out, Account account, boolean longForm) {
    out.append(column("Login: " + account.login(), " Name: " + account.fullName())).append('\n');
    out.append(column("Directory: " + account.home(), " Shell: " + account.shell())).append('\n');
    if (account.sessions().isEmpty()) {
      out.append("Not logged in.\n");
    }
    for (Session session : account.sessions()) {
      out.append("On since ")
          .append(TIME.format(session.since()))
          .append(" on ")
          .append(session.line());
      if (!session.from().isEmpty()) {
        out.append(" from ").append(session.from());
      }
      out.append('\n');
    }
    if (!longForm) {
      return;
    }
    account.project().ifPresent(text -> out.append("Project: ").append(text).append('\n'));
    account.pgpKey().ifPresent(text -> out.append("PGP key:\n").append(text).append('\n'));
    account
        .plan()
        .ifPresentOrElse(
            text -> out.append("Plan:\n").append(text).append('\n'),
            () -> out.append("No Plan.\n"));
  }

  /** {@code left} padded to 39 characters, then {@code right}, stripped: one line of an account. */
  private static String column(String left, String right) {
    return (left + " ".repeat(Math.max(0, 39 - left.length())) + right).strip();
  }

  /** The first {@code width} characters, never half of a surrogate pair. */
  private static String cut(String text, int width) {
    return text.codePointCount(0, text.length()) <= width
        ? text
        : text.substring(0, text.offsetByCodePoints(0, width));
  }
}
