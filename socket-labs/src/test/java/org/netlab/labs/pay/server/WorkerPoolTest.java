package org.netlab.labs.pay.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.labs.pay.PayReply;
import org.netlab.labs.pay.PayStatus;

@Timeout(10)
class WorkerPoolTest {
  @Test
  void aRequestFindingEveryWorkerBusyAndTheQueueFullIsAnsweredBusyAtOnce() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    try (WorkerPool pool = new WorkerPool(1, 1)) {
      Future<PayReply> busyWorker =
          callers.submit(
              () ->
                  pool.run(
                      () -> {
                        running.countDown();
                        release.await();
                        return PayReply.of(PayStatus.OK, "first");
                      }));
      running.await();
      Future<PayReply> queued =
          callers.submit(() -> pool.run(() -> PayReply.of(PayStatus.OK, "second")));
      while (pool.queued() == 0) {
        Thread.sleep(1);
      }

      PayReply refused = pool.run(() -> PayReply.of(PayStatus.OK, "third"));

      assertEquals(PayStatus.BUSY, refused.status());
      release.countDown();
      assertEquals("first", busyWorker.get().text());
      assertEquals("second", queued.get().text(), "a queued request is served, not dropped");
    } finally {
      callers.shutdownNow();
    }
  }
}
