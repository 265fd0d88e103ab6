package org.netlab.phonebook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.domain.phonebook.PhonebookContract;

/**
 * What the phonebook of a {@link JdbcStore} must do on every database: the phonebook contract, and
 * writes that race without losing or doubling an entry. One subclass per database.
 */
@Timeout(60)
abstract class PhonebookStoreContract extends PhonebookContract {
  private JdbcStore store;

  /** Opens the store under test, its phonebook empty. */
  protected abstract JdbcStore openEmpty() throws Exception;

  /** Opens the store on first use, so the contract's own set-up finds it open. */
  @Override
  protected Phonebook phonebook() {
    if (store == null) {
      try {
        store = openEmpty();
      } catch (Exception e) {
        throw new IllegalStateException("cannot open the store under test", e);
      }
    }
    return store.phonebook();
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
      store = null;
    }
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
                    phonebook().add("user-" + thread + "-" + i, "555 " + i);
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(4000, phonebook().count());
    assertEquals(4000, phonebook().list("user-").size());
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
                phonebook().add("Racer", number);
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
    assertEquals(1, phonebook().count());
  }
}
