package org.netlab.labs.pay.peer;

import java.time.Duration;
import org.netlab.labs.pay.PaymentOrder;

/** Whether the payee takes an offered payment: a person at a prompt, or a rule. */
@FunctionalInterface
public interface OfferDecision {
  enum Answer {
    ACCEPT,
    DECLINE,
    /** No answer within the time the order leaves. */
    NONE
  }

  /**
   * Decides about an order whose payer's certificate and signature are already checked.
   *
   * @param within how long the answer may take
   */
  Answer decide(PaymentOrder order, Duration within) throws InterruptedException;

  static OfferDecision acceptAll() {
    return (order, within) -> Answer.ACCEPT;
  }

  static OfferDecision declineAll() {
    return (order, within) -> Answer.DECLINE;
  }
}
