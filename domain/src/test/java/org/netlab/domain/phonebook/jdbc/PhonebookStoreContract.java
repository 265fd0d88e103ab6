package org.netlab.domain.phonebook.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;

/** What every database behind {@link JdbcPhonebook} must do; one subclass per database. */
@Timeout(60)
abstract class PhonebookStoreContract {
  protected JdbcPhonebook phonebook;

  /** Opens the store under test, empty. */
  protected abstract JdbcPhonebook openEmpty() throws Exception;

  @BeforeEach
  void open() throws Exception {
    phonebook = openEmpty();
  }

  @AfterEach
  void close() {
    phonebook.close();
  }

  @Test
  void addedEntryIsFoundIgnoringCaseWithItsOriginalCase() {
    phonebook.add("Alice", "+33 1 23 45");
    assertEquals(new Entry("Alice", "+33 1 23 45"), phonebook.find("ALICE"));
  }

  @Test
  void addingAnExistingNameIgnoringCaseIsAlreadyExists() {
    phonebook.add("Alice", "123");
    ServiceException error =
        assertThrows(ServiceException.class, () -> phonebook.add(" alice ", "456"));
    assertEquals(ErrorCode.ALREADY_EXISTS, error.code());
    assertEquals("an entry named 'alice' exists already", error.getMessage());
    assertEquals("123", phonebook.find("alice").number());
  }

  @Test
  void findOfUnknownNameIsNotFound() {
    ServiceException error = assertThrows(ServiceException.class, () -> phonebook.find("Bob"));
    assertEquals(ErrorCode.NOT_FOUND, error.code());
    assertEquals("no entry named 'Bob'", error.getMessage());
  }

  @Test
  void updateReplacesTheNumberAndKeepsTheStoredName() {
    phonebook.add("Alice", "123");
    assertEquals(new Entry("Alice", "999"), phonebook.update("alice", "999"));
    assertEquals("999", phonebook.find("Alice").number());
  }

  @Test
  void updateOfUnknownNameIsNotFound() {
    assertEquals(
        ErrorCode.NOT_FOUND,
        assertThrows(ServiceException.class, () -> phonebook.update("Bob", "123")).code());
  }

  @Test
  void updateWithInvalidNumberIsInvalidArgumentAndChangesNothing() {
    phonebook.add("Alice", "123");
    assertEquals(
        ErrorCode.INVALID_ARGUMENT,
        assertThrows(ServiceException.class, () -> phonebook.update("Alice", "x")).code());
    assertEquals("123", phonebook.find("Alice").number());
  }

  @Test
  void removeDeletesTheEntry() {
    phonebook.add("Alice", "123");
    phonebook.remove("ALICE");
    assertEquals(0, phonebook.count());
  }

  @Test
  void removeOfUnknownNameIsNotFound() {
    assertEquals(
        ErrorCode.NOT_FOUND,
        assertThrows(ServiceException.class, () -> phonebook.remove("Bob")).code());
  }

  @Test
  void removeAllReturnsHowManyWereRemoved() {
    phonebook.add("a", "111");
    phonebook.add("b", "222");
    phonebook.add("c", "333");
    assertEquals(3, phonebook.removeAll());
    assertEquals(0, phonebook.count());
    assertEquals(0, phonebook.removeAll());
  }

  @Test
  void listIsSortedByNameIgnoringCase() {
    phonebook.add("charlie", "333");
    phonebook.add("Alice", "111");
    phonebook.add("bob", "222");
    assertEquals(
        List.of("Alice", "bob", "charlie"), phonebook.list("").stream().map(Entry::name).toList());
  }

  @Test
  void listWithPrefixMatchesIgnoringCase() {
    phonebook.add("Alice", "111");
    phonebook.add("alfred", "222");
    phonebook.add("Bob", "333");
    assertEquals(
        List.of("alfred", "Alice"), phonebook.list("AL").stream().map(Entry::name).toList());
  }

  @Test
  void listPrefixTreatsLikeWildcardsLiterally() {
    phonebook.add("a%b", "111");
    phonebook.add("axb", "222");
    phonebook.add("a_c", "333");
    assertEquals(List.of("a%b"), phonebook.list("a%").stream().map(Entry::name).toList());
    assertEquals(List.of("a_c"), phonebook.list("a_").stream().map(Entry::name).toList());
  }

  @Test
  void eightThreadsAddingFiveHundredEachLeaveExactlyFourThousandEntries() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    phonebook.add("user-" + thread + "-" + i, "555 " + i);
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(4000, phonebook.count());
    assertEquals(4000, phonebook.list("user-").size());
  }

  @Test
  void duplicateAddsRacingOnOneNameLeaveOneEntry() throws Exception {
    int racers = 16;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        String number = "100" + i;
        Callable<Boolean> add =
            () -> {
              start.await();
              try {
                phonebook.add("Racer", number);
                return true;
              } catch (ServiceException e) {
                assertEquals(ErrorCode.ALREADY_EXISTS, e.code());
                return false;
              }
            };
        results.add(pool.submit(add));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> result : results) {
        winners += result.get() ? 1 : 0;
      }
      assertEquals(1, winners);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, phonebook.count());
  }
}
