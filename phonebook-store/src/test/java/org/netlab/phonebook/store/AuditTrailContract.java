package org.netlab.phonebook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netlab.access.AuditEvent;

/** What the {@link org.netlab.access.AuditTrail} of a {@link JdbcStore} does on every database. */
abstract class AuditTrailContract extends EmptyStoreFixture {
  private static final Instant START = Instant.parse("2025-03-01T09:30:00Z");

  @Test
  void anEmptyTrailHasNoRecentEvents() {
    assertEquals(List.of(), store.audit().recent(10));
  }

  @Test
  void eventsComeBackOldestFirst() {
    List<AuditEvent> recorded = recordEvents(3);
    assertEquals(recorded, store.audit().recent(10));
  }

  @Test
  void recentIsOnlyTheLastLimitEvents() {
    List<AuditEvent> recorded = recordEvents(5);
    assertEquals(recorded.subList(2, 5), store.audit().recent(3));
    assertEquals(recorded.subList(4, 5), store.audit().recent(1));
    assertEquals(List.of(), store.audit().recent(0));
  }

  @Test
  void orderIsTheOrderOfRecordingNotOfTheTimes() {
    AuditEvent later =
        new AuditEvent(START.plusSeconds(60), "ada", "phonebook.addEntry", "Bob", "OK");
    AuditEvent earlier = new AuditEvent(START, "ada", "phonebook.findNumber", "Bob", "NOT_FOUND");
    store.audit().record(later);
    store.audit().record(earlier);
    assertEquals(List.of(later, earlier), store.audit().recent(2));
  }

  @Test
  void quotesAndNonAsciiSurvive() {
    AuditEvent event =
        new AuditEvent(
            Instant.parse("2025-03-01T09:30:00.123456789Z"),
            "cert:CN=O'Brien \"Bob\", O=Zoë & Søn",
            "phonebook.addEntry",
            "Ünïcödé 名前 🙂 '; DROP TABLE audit_events; --",
            "ALREADY_EXISTS");
    store.audit().record(event);
    assertEquals(List.of(event), store.audit().recent(1));
  }

  @Test
  void valuesLongerThanTheirColumnsAreCutToFit() {
    String longSubject = "🙂".repeat(450);
    store
        .audit()
        .record(
            new AuditEvent(START, "c".repeat(250), "m".repeat(150), longSubject, "O".repeat(50)));
    assertEquals(
        List.of(
            new AuditEvent(
                START, "c".repeat(200), "m".repeat(100), "🙂".repeat(400), "O".repeat(40))),
        store.audit().recent(1));
  }

  @Test
  void aNegativeLimitIsABug() {
    assertThrows(IllegalArgumentException.class, () -> store.audit().recent(-1));
  }

  private List<AuditEvent> recordEvents(int count) {
    List<AuditEvent> recorded = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      AuditEvent event =
          new AuditEvent(
              START.plusSeconds(i), "token:ada", "phonebook.addEntry", "entry " + i, "OK");
      store.audit().record(event);
      recorded.add(event);
    }
    return recorded;
  }
}
