package org.netlab.labs.pay.peer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.netlab.labs.pay.Amounts;
import org.netlab.labs.pay.PaymentOrder;

/**
 * Offers put to the person at the terminal: each is printed with a number, and waits for {@code
 * accept N} or {@code decline N} (or {@code y}/{@code n} for the oldest) until its order expires.
 */
final class PromptDecision implements OfferDecision {
  private final PrintWriter out;
  private final AtomicInteger numbers = new AtomicInteger();
  private final Map<Integer, CompletableFuture<Answer>> pending = new ConcurrentSkipListMap<>();

  PromptDecision(PrintWriter out) {
    this.out = out;
  }

  @Override
  public Answer decide(PaymentOrder order, Duration within) throws InterruptedException {
    int number = numbers.incrementAndGet();
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    pending.put(number, answer);
    say(
        String.format(
            "offer %d: %s pays you %s (order %s, %d s to answer): accept %d / decline %d",
            number,
            order.payer(),
            Amounts.format(order.amount()),
            order.id(),
            within.toSeconds(),
            number,
            number));
    try {
      return answer.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      say("offer " + number + " expired unanswered");
      return Answer.NONE;
    } catch (ExecutionException e) {
      return Answer.NONE;
    } finally {
      pending.remove(number);
    }
  }

  /**
   * Answers offer {@code number}, or the oldest one when empty.
   *
   * @return false when there is no such offer waiting
   */
  boolean answer(Optional<Integer> number, Answer answer) {
    Optional<Integer> key = number.or(() -> pending.keySet().stream().findFirst());
    if (key.isEmpty()) {
      return false;
    }
    CompletableFuture<Answer> waiting = pending.get(key.get());
    return waiting != null && waiting.complete(answer);
  }

  private void say(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
