package org.netlab.phonebook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.access.AuditScope;
import org.netlab.access.CallAudit;
import org.netlab.access.Caller;
import org.netlab.access.Operation;
import org.netlab.access.Role;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;

/**
 * Writes queued while the writer is busy are committed together, and one that fails or is refused
 * in such a batch leaves the others' answers and rows as if each had been alone. The writer is held
 * busy by a first write that waits for the test, so the batch is known, not hoped for.
 */
@Timeout(60)
abstract class GroupCommitContract {
  private static final String INSERT =
      "INSERT INTO phonebook_entries (name_key, name, number) VALUES (?, ?, '555-0199')";

  private final List<String> committed = new CopyOnWriteArrayList<>();
  private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
  private JdbcStore store;
  private final CountDownLatch release = new CountDownLatch(1);
  private Database database;

  /** The store on a database whose tables are made and empty. */
  protected abstract JdbcStore openEmptyStore() throws Exception;

  /** The URL of that store's database, for a second pool with a writer of the test's own. */
  protected abstract String jdbcUrl();

  @BeforeEach
  void open() throws Exception {
    store = openEmptyStore();
    database = Database.open(jdbcUrl(), (part, nanos) -> committed.add(part));
  }

  @AfterEach
  void close() {
    release.countDown();
    callers.close();
    database.close();
    store.close();
  }

  @Test
  void aWriteThatFailsInABatchFailsAloneAndTheOthersCommit() throws Exception {
    holdTheWriter();
    List<Future<Integer>> good = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      good.add(insert("good-" + i));
    }
    Future<Integer> bad =
        callers.submit(
            () ->
                database.write(
                    "phonebook",
                    "INSERT INTO no_such_table VALUES (?)",
                    statement -> {
                      statement.setInt(1, 1);
                      return statement.executeUpdate();
                    }));
    for (int i = 5; i < 10; i++) {
      good.add(insert("good-" + i));
    }
    awaitQueued(11);
    release.countDown();

    for (Future<Integer> write : good) {
      assertEquals(1, write.get());
    }
    ExecutionException failed = assertThrows(ExecutionException.class, bad::get);
    assertTrue(failed.getCause() instanceof SQLException, failed.getCause().toString());
    assertEquals(11, store.phonebook().count(), "the first write and the ten good ones");
    assertEquals(11, committed.size(), "the first write and the ten good ones, not the bad one");
  }

  @Test
  void refusalsInABatchAreAnsweredAndTheOtherWritesCommit() throws Exception {
    store.phonebook().add("Taken", "555-0100");
    store.phonebook().add("Doomed", "555-0100");
    JdbcAuditTrail trail = new JdbcAuditTrail(database);
    JdbcPhonebook phonebook =
        new JdbcPhonebook(database, trail, new JdbcIdempotencyKeys(database, Clock.systemUTC()));
    holdTheWriter();
    Future<Entry> added = callers.submit(() -> phonebook.add("Ada", "555-0101"));
    Future<Entry> taken = callers.submit(() -> phonebook.add("taken", "555-0102"));
    Future<Entry> missing = callers.submit(() -> phonebook.update("Nobody", "555-0103"));
    Future<Entry> updated = callers.submit(() -> phonebook.update("Taken", "555-0104"));
    Future<?> removed = callers.submit(() -> phonebook.remove("Doomed"));
    awaitQueued(5);
    release.countDown();

    assertEquals(new Entry("Ada", "555-0101"), added.get());
    assertEquals(ErrorCode.ALREADY_EXISTS, refusal(taken));
    assertEquals(ErrorCode.NOT_FOUND, refusal(missing));
    assertEquals(new Entry("Taken", "555-0104"), updated.get());
    removed.get();
    assertEquals(
        List.of(
            new Entry("Ada", "555-0101"),
            new Entry("first", "555-0199"),
            new Entry("Taken", "555-0104")),
        store.phonebook().list(""));
    assertEquals(List.of(), trail.recent(10), "writes made outside any call write no event");
  }

  @Test
  void addsQueuedTogetherAreAnsweredEachWithItsOwnOutcome() throws Exception {
    store.phonebook().add("Taken", "555-0100");
    JdbcPhonebook phonebook =
        new JdbcPhonebook(
            database,
            new JdbcAuditTrail(database),
            new JdbcIdempotencyKeys(database, Clock.systemUTC()));
    holdTheWriter();
    List<String> names = List.of("Ada", "taken", "Grace", "TAKEN", "Alan");
    List<Future<Entry>> adds = new ArrayList<>();
    for (String name : names) {
      adds.add(callers.submit(() -> phonebook.add(name, "555-0101")));
    }
    awaitQueued(names.size());
    release.countDown();

    assertEquals(new Entry("Ada", "555-0101"), adds.get(0).get());
    assertEquals(ErrorCode.ALREADY_EXISTS, refusal(adds.get(1)));
    assertEquals(new Entry("Grace", "555-0101"), adds.get(2).get());
    assertEquals(ErrorCode.ALREADY_EXISTS, refusal(adds.get(3)));
    assertEquals(new Entry("Alan", "555-0101"), adds.get(4).get());
    assertEquals(5, store.phonebook().count(), "Taken, the held write and three new entries");
  }

  @Test
  void anAuditedCallsEventCommitsWithItsWriteAndTheOutcomeTheWriteGave() throws Exception {
    store.phonebook().add("Taken", "555-0100");
    JdbcAuditTrail trail = new JdbcAuditTrail(database);
    JdbcPhonebook phonebook =
        new JdbcPhonebook(database, trail, new JdbcIdempotencyKeys(database, Clock.systemUTC()));
    CallAudit audit = new CallAudit(trail, Clock.systemUTC(), lost -> {});
    Caller alice = new Caller("alice", Role.WRITER, Caller.Proof.TOKEN);
    holdTheWriter();
    Future<AuditScope> added =
        callers.submit(() -> addAs(audit, alice, phonebook, "Ada", "phonebook.add"));
    Future<AuditScope> taken =
        callers.submit(() -> addAs(audit, alice, phonebook, "taken", "phonebook.add"));
    awaitQueued(2);
    release.countDown();

    assertTrue(added.get().written(), "the event of the add went with it");
    assertTrue(taken.get().written(), "the event of the refused add went with it");
    assertEquals(
        Set.of(
            "token:alice phonebook.add Ada OK", "token:alice phonebook.add taken ALREADY_EXISTS"),
        trail.recent(10).stream()
            .map(e -> e.caller() + " " + e.method() + " " + e.subject() + " " + e.outcome())
            .collect(Collectors.toSet()));
    assertEquals(
        List.of("phonebook", "phonebook", "audit", "phonebook", "audit"),
        committed,
        "the held write, then each add and its event in one batch");
  }

  /** Adds an entry in the scope of an audited call, as a transport runs it; its scope. */
  private static AuditScope addAs(
      CallAudit audit, Caller caller, JdbcPhonebook phonebook, String name, String method) {
    try (AuditScope scope = audit.open(caller, Operation.WRITE_PHONEBOOK, method, name)) {
      try {
        phonebook.add(name, "555-0101");
      } catch (ServiceException refused) {
        // the refusal is in the event
      }
      return scope;
    }
  }

  @Test
  void writesQueuedBeforeCloseAreCommittedAndLaterOnesAreRefused() throws Exception {
    holdTheWriter();
    Future<Integer> queued = insert("queued");
    awaitQueued(1);
    CompletableFuture<Void> closing = CompletableFuture.runAsync(database::close, callers);
    release.countDown();
    closing.get();

    assertEquals(1, queued.get());
    assertThrows(SQLException.class, () -> database.write(null, INSERT, s -> 0));
    assertEquals(2, store.phonebook().count());
  }

  /** Queues a write whose work waits until {@link #release} is counted down. */
  private void holdTheWriter() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    callers.submit(
        () ->
            database.write(
                "phonebook",
                INSERT,
                statement -> {
                  started.countDown();
                  awaitUninterruptibly(release);
                  statement.setString(1, "first");
                  statement.setString(2, "first");
                  return statement.executeUpdate();
                }));
    started.await();
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException e) {
        // the writer is never interrupted; keep waiting for the test
      }
    }
  }

  private Future<Integer> insert(String name) {
    return callers.submit(
        () ->
            database.write(
                "phonebook",
                INSERT,
                statement -> {
                  statement.setString(1, name);
                  statement.setString(2, name);
                  return statement.executeUpdate();
                }));
  }

  private void awaitQueued(int writes) throws InterruptedException {
    while (database.queuedWrites() < writes) {
      Thread.sleep(1);
    }
  }

  private static ErrorCode refusal(Future<?> write) {
    ExecutionException failed = assertThrows(ExecutionException.class, write::get);
    return ((ServiceException) failed.getCause()).code();
  }
}
