package org.netlab.rpc.server.cli;

import org.netlab.access.AuditEvent;
import org.netlab.phonebook.store.JdbcStore;

/**
 * What the commands that work on a server's store directly ({@code token}, {@code audit}) share:
 * quiet libraries, and how their changes are signed in the audit trail.
 */
final class OfflineStore {
  private OfflineStore() {}

  /** Opens the store with library logs kept to warnings: a command's output is its answer. */
  static JdbcStore open(StoreOptions options) {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    return options.open();
  }

  /** Who the audit trail names for a change made on the command line: the OS account. */
  static String localCaller() {
    return "local:" + System.getProperty("user.name", "unknown");
  }

  /** Records a command-line change in the store's audit trail. */
  static void audit(JdbcStore store, String method, String subject, String outcome) {
    store
        .audit()
        .record(new AuditEvent(java.time.Instant.now(), localCaller(), method, subject, outcome));
  }
}
