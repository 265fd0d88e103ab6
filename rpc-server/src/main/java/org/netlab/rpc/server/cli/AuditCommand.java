package org.netlab.rpc.server.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.netlab.access.AuditEvent;
import org.netlab.phonebook.store.JdbcStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rpc-server audit}: the last audited calls (phonebook writes, token changes) from the
 * store, oldest first. The table is plain SQL too: {@code SELECT * FROM audit_events}.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the last audited calls, oldest first: time, caller, method, subject, outcome.",
      "The same rows are in the store's audit_events table."
    })
final class AuditCommand implements Callable<Integer> {
  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      description = "How many (default: ${DEFAULT-VALUE}).")
  int limit = 50;

  @Mixin StoreOptions storeOptions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (limit <= 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--limit must be positive");
    }
    try (JdbcStore store = OfflineStore.open(storeOptions)) {
      List<AuditEvent> events = store.audit().recent(limit);
      PrintWriter out = spec.commandLine().getOut();
      for (AuditEvent event : events) {
        out.printf(
            "%s  %-20s %-44s %-20s %s%n",
            event.at(), event.caller(), event.method(), event.subject(), event.outcome());
      }
      out.flush();
    }
    return 0;
  }
}
