package org.netlab.phonebook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.access.AuditEvent;
import org.netlab.access.Role;
import org.netlab.access.TokenRecord;
import org.netlab.access.Tokens;
import org.netlab.domain.ServiceException;

/** The store tells its {@link CommitListener} of each committed write, and of nothing else. */
@Timeout(60)
class CommitListenerTest {
  private static final Instant CREATED = Instant.parse("2025-03-01T09:30:00Z");

  @TempDir Path dataDir;

  /** What the store reported, in order. */
  private record Commit(String store, long nanos) {}

  @Test
  void eachWriteIsReportedOnceWithWhatWroteItAndReadsAndOpeningAreNot() {
    List<Commit> commits = new CopyOnWriteArrayList<>();
    try (JdbcStore store =
        JdbcStore.openEmbedded(dataDir, (part, nanos) -> commits.add(new Commit(part, nanos)))) {
      assertEquals(List.of(), commits, "making the tables is not a reported write");

      store.phonebook().add("Ada", "555-0100");
      store.phonebook().find("Ada");
      store.phonebook().count();
      store.tokens().create(new TokenRecord("ops", Role.ADMIN, hash(), CREATED, null));
      store.tokens().list();
      store.audit().record(new AuditEvent(CREATED, "token:ops", "tokens.create", "ops", "OK"));

      assertEquals(
          List.of("phonebook", "tokens", "audit"), commits.stream().map(Commit::store).toList());
      assertTrue(commits.stream().allMatch(commit -> commit.nanos() > 0), commits::toString);
    }
  }

  @Test
  void aWriteThatFailsIsNotReported() {
    List<Commit> commits = new CopyOnWriteArrayList<>();
    JdbcStore store =
        JdbcStore.openEmbedded(dataDir, (part, nanos) -> commits.add(new Commit(part, nanos)));
    store.close();
    assertThrows(ServiceException.class, () -> store.phonebook().add("Ada", "555-0100"));
    assertEquals(List.of(), commits);
  }

  private static String hash() {
    return Tokens.hash(Tokens.generate());
  }
}
