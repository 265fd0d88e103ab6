package org.netlab.phonebook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.access.Caller;
import org.netlab.access.IdempotencyScope;
import org.netlab.access.Role;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;

/**
 * Writes sent again with their idempotency key are answered with their first outcome and applied
 * once, on every database the store supports; the keys belong to their caller, refuse another
 * request, and are forgotten after their retention.
 */
@Timeout(60)
abstract class IdempotencyKeysContract {
  private static final Caller ALICE = new Caller("alice", Role.WRITER, Caller.Proof.TOKEN);
  private static final Caller BOB = new Caller("bob", Role.WRITER, Caller.Proof.TOKEN);

  private final MovableClock clock = new MovableClock();
  private JdbcStore store;
  private Database database;
  private JdbcPhonebook phonebook;

  /** The store on a database whose tables are made and empty. */
  protected abstract JdbcStore openEmptyStore() throws Exception;

  /** The URL of that store's database. */
  protected abstract String jdbcUrl();

  @BeforeEach
  void open() throws Exception {
    store = openEmptyStore();
    database = Database.open(jdbcUrl(), CommitListener.NONE);
    phonebook =
        new JdbcPhonebook(
            database, new JdbcAuditTrail(database), new JdbcIdempotencyKeys(database, clock));
  }

  @AfterEach
  void close() {
    database.close();
    store.close();
  }

  @Test
  void anAddSentAgainWithItsKeyAnswersAsFirstAndAddsOnce() {
    assertEquals(new Entry("Ada", "555-0100"), as(ALICE, "key-0001", () -> add("Ada")));
    assertEquals(new Entry("Ada", "555-0100"), as(ALICE, "key-0001", () -> add("Ada")));
    assertEquals(1, phonebook.count());
    ServiceException fresh =
        assertThrows(ServiceException.class, () -> as(ALICE, "key-0002", () -> add("Ada")));
    assertEquals(ErrorCode.ALREADY_EXISTS, fresh.code(), "a new key is a new call");
  }

  @Test
  void aRefusalIsAnsweredAgainEvenWhenTheWriteWouldNowSucceed() {
    phonebook.add("Ada", "555-0100");
    ServiceException first =
        assertThrows(ServiceException.class, () -> as(ALICE, "key-0001", () -> add("Ada")));
    assertEquals(ErrorCode.ALREADY_EXISTS, first.code());
    phonebook.remove("Ada");
    ServiceException again =
        assertThrows(ServiceException.class, () -> as(ALICE, "key-0001", () -> add("Ada")));
    assertEquals(ErrorCode.ALREADY_EXISTS, again.code());
    assertEquals(0, phonebook.count(), "the call sent again wrote nothing");
  }

  @Test
  void aKeySentWithAnotherRequestIsRefusedAsInvalidArgument() {
    as(ALICE, "key-0001", () -> add("Ada"));
    ServiceException other =
        assertThrows(ServiceException.class, () -> as(ALICE, "key-0001", () -> add("Alan")));
    assertEquals(ErrorCode.INVALID_ARGUMENT, other.code());
    assertTrue(other.getMessage().contains("key-0001"), other.getMessage());
    assertEquals(List.of(new Entry("Ada", "555-0100")), phonebook.list(""));
  }

  @Test
  void keysBelongToTheirCaller() {
    as(ALICE, "key-0001", () -> add("Ada"));
    assertEquals(new Entry("Alan", "555-0100"), as(BOB, "key-0001", () -> add("Alan")));
    assertEquals(2, phonebook.count());
  }

  @Test
  void updatesRemovalsAndRemoveAllAnswerAsFirstWhenSentAgain() {
    phonebook.add("Ada", "555-0100");
    phonebook.add("Alan", "555-0100");
    Entry updated = as(ALICE, "update-1", () -> phonebook.update("ada", "555-0111"));
    assertEquals(new Entry("Ada", "555-0111"), updated);
    phonebook.update("Ada", "555-0122");
    assertEquals(updated, as(ALICE, "update-1", () -> phonebook.update("ada", "555-0111")));
    assertEquals("555-0122", phonebook.find("Ada").number(), "the update sent again wrote nothing");

    as(ALICE, "remove-1", () -> remove("Alan"));
    phonebook.add("Alan", "555-0199");
    as(ALICE, "remove-1", () -> remove("Alan"));
    assertEquals(
        "555-0199", phonebook.find("Alan").number(), "the removal sent again removed nothing");

    assertEquals(2L, as(ALICE, "clear-01", phonebook::removeAll));
    phonebook.add("Grace", "555-0100");
    assertEquals(2L, as(ALICE, "clear-01", phonebook::removeAll));
    assertEquals(1, phonebook.count(), "the removeAll sent again removed nothing");
  }

  @Test
  void aKeyIsForgottenAfterItsRetention() {
    as(ALICE, "key-0001", () -> add("Ada"));
    phonebook.remove("Ada");
    clock.advance(JdbcIdempotencyKeys.RETENTION.plusMinutes(1));
    as(ALICE, "key-0001", () -> add("Ada"));
    assertEquals(1, phonebook.count(), "the forgotten key's call was applied afresh");
  }

  @Test
  void concurrentCallsWithOneKeyApplyTheWriteOnce() throws Exception {
    List<Future<String>> outcomes = new ArrayList<>();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 8; i++) {
        outcomes.add(
            callers.submit(
                () -> {
                  try {
                    as(ALICE, "key-race", () -> add("Ada"));
                    return "OK";
                  } catch (ServiceException e) {
                    return e.code().name();
                  }
                }));
      }
    }
    for (Future<String> outcome : outcomes) {
      // A call that lost the race to record the key fails as a store failure, which a client
      // retries: then it finds the key and answers OK.
      assertTrue(List.of("OK", "UNAVAILABLE").contains(outcome.get()), outcome.get());
    }
    assertEquals(new Entry("Ada", "555-0100"), as(ALICE, "key-race", () -> add("Ada")));
    assertEquals(1, phonebook.count());
  }

  private Entry add(String name) {
    return phonebook.add(name, "555-0100");
  }

  private Void remove(String name) {
    phonebook.remove(name);
    return null;
  }

  private static <T> T as(Caller caller, String key, Callable<T> call) {
    try (IdempotencyScope scope = IdempotencyScope.bind(caller, key)) {
      return call.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A clock the test moves forward. */
  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-02T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
